/*
 * The `reactor` fixture: a C library whose exports use WASI through wasi-libc (stderr, the
 * environment). Built with -mexec-model=reactor; the component runs `_initialize` (libc
 * constructors) before any export, and the WASI preview1 reactor adapter maps the libc calls
 * to WASI 0.2 imports.
 */
#include <stdio.h>

#include "trellis_cabi.h"

#define IFACE "trellis:examples/diagnostics#"

typedef struct {
  uint8_t is_some;
  cabi_string value;
} option_string;

static uint32_t logged;
static option_string RET;

CABI_EXPORT(IFACE "log") uint32_t diagnostics_log(char *ptr, uint32_t len) {
  fprintf(stderr, "reactor: %.*s\n", (int)len, ptr);
  fflush(stderr);
  cabi_free(ptr, len);
  return ++logged;
}

CABI_EXPORT(IFACE "get-env") option_string *diagnostics_get_env(char *ptr, uint32_t len) {
  char *name = malloc((size_t)len + 1);
  if (name == NULL) abort();
  memcpy(name, ptr, len);
  name[len] = '\0';
  cabi_free(ptr, len);
  const char *value = getenv(name);
  free(name);
  RET.is_some = value != NULL;
  RET.value = value != NULL ? cabi_string_from(value) : (cabi_string){NULL, 0};
  return &RET;
}

CABI_EXPORT("cabi_post_" IFACE "get-env") void post_diagnostics_get_env(option_string *ret) {
  if (ret->is_some) cabi_string_free(ret->value);
}
