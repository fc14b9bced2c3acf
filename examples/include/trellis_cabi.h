/*
 * Hand-written canonical ABI support for the example components (there is no wit-bindgen C
 * generator in this build). Each component has exactly one translation unit that includes this
 * header, so the non-static definitions below (cabi_realloc) appear once per core module.
 *
 * Core-module naming understood by wit-component (the "legacy" names that wit-bindgen emits):
 *   world-level export `f`                       -> export "f"
 *   interface export `ns:pkg/iface`, func `f`     -> export "ns:pkg/iface#f"
 *   post-return of an export named E              -> export "cabi_post_E", type (flat results) -> ()
 *   exported resource `r`: methods                -> "ns:pkg/iface#[constructor]r", "#[method]r.m",
 *                                                    "#[static]r.f", destructor "#[dtor]r"
 *   exported resource intrinsics (imports)        -> module "[export]ns:pkg/iface",
 *                                                    names "[resource-new]r", "[resource-rep]r",
 *                                                    "[resource-drop]r"
 *   imported interface function                   -> module "ns:pkg/iface", name "f"
 *   realloc used for lifting params / lowering results -> export "cabi_realloc"
 */
#ifndef TRELLIS_CABI_H
#define TRELLIS_CABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CABI_EXPORT(name) __attribute__((export_name(name)))
#define CABI_IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

/* string and list<T>: (ptr, length) — 8 bytes, align 4 on wasm32. */
typedef struct {
  char *ptr;
  uint32_t len;
} cabi_string;

typedef struct {
  cabi_string *ptr;
  uint32_t len;
} cabi_string_list;

_Static_assert(sizeof(cabi_string) == 8 && _Alignof(cabi_string) == 4, "string layout");

/*
 * realloc(old_ptr, old_size, align, new_size). The host calls it to place strings and lists (and
 * spilled parameter tuples) in this module's memory; memory it hands over belongs to the callee,
 * which frees it with cabi_free. A zero-sized request gets a non-null, aligned dummy pointer that
 * cabi_free ignores.
 */
CABI_EXPORT("cabi_realloc")
void *cabi_realloc(void *old_ptr, size_t old_size, size_t align, size_t new_size) {
  if (new_size == 0) {
    if (old_ptr != NULL && old_size != 0) free(old_ptr);
    return (void *)align;
  }
  void *ptr = realloc(old_size == 0 ? NULL : old_ptr, new_size);
  /* malloc aligns to at least 8, the largest alignment the canonical ABI asks for. */
  if (ptr == NULL || ((uintptr_t)ptr & (align - 1)) != 0) abort();
  return ptr;
}

static inline void cabi_free(void *ptr, size_t size) {
  if (size != 0) free(ptr);
}

static inline void cabi_string_free(cabi_string s) { cabi_free(s.ptr, s.len); }

static inline void cabi_string_list_free(cabi_string_list list) {
  for (uint32_t i = 0; i < list.len; i++) cabi_string_free(list.ptr[i]);
  cabi_free(list.ptr, (size_t)list.len * sizeof(cabi_string));
}

/* A heap copy of `len` bytes (a non-null dummy for len == 0, matching cabi_free). */
static inline cabi_string cabi_string_copy(const char *bytes, size_t len) {
  cabi_string s = {(char *)1, (uint32_t)len};
  if (len != 0) {
    s.ptr = malloc(len);
    if (s.ptr == NULL) abort();
    memcpy(s.ptr, bytes, len);
  }
  return s;
}

static inline cabi_string cabi_string_from(const char *text) {
  return cabi_string_copy(text, strlen(text));
}

#endif
