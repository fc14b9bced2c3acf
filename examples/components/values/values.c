/*
 * The `values` fixture: identity functions for every WIT value type and a few that compute,
 * written against the canonical ABI by hand (see world.wit, ../../include/trellis_cabi.h and
 * ../../include/values_abi.h).
 *
 * Ownership follows the canonical ABI: strings and lists the host passes in were allocated with
 * cabi_realloc and belong to the callee. Echo functions hand the same buffers back in their
 * results, and the post-return functions (`cabi_post_*`) free them once the host has read them.
 *
 * It uses no stdio (printf would pull WASI imports in through the stdio machinery), so the
 * component imports nothing.
 */
#include "values_abi.h"

#define IFACE "trellis:examples/values#"

/* Results that flatten to more than one value are returned through this area (one call at a
 * time: the canonical ABI forbids re-entering an instance). */
static union {
  cabi_string string;
  point point;
  point_list points;
  byte_list bytes;
  cabi_string_list strings;
  person person;
  tuple_u8_string_f64 tuple;
  number number;
  option_u32 option;
  result_string_u32 result_string_u32;
  result_s32_string result_s32_string;
} RET;

/* ---- small formatting helpers (no stdio) ---- */

typedef struct {
  char bytes[64];
  size_t len;
} text_buf;

static void buf_str(text_buf *b, const char *s) {
  while (*s && b->len < sizeof b->bytes) b->bytes[b->len++] = *s++;
}

static void buf_u64(text_buf *b, uint64_t v) {
  char digits[20];
  int n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0 && b->len < sizeof b->bytes) b->bytes[b->len++] = digits[--n];
}

static void buf_s64(text_buf *b, int64_t v) {
  if (v < 0) {
    buf_str(b, "-");
    buf_u64(b, (uint64_t)0 - (uint64_t)v);
  } else {
    buf_u64(b, (uint64_t)v);
  }
}

/* Fixed notation with up to 6 decimals, trailing zeros dropped: 1.5 -> "1.5", 3.0 -> "3". */
static void buf_f64(text_buf *b, double v) {
  if (v != v) {
    buf_str(b, "nan");
    return;
  }
  if (v < 0 || (v == 0 && 1 / v < 0)) {
    buf_str(b, "-");
    v = -v;
  }
  if (v > 1e18) {
    buf_str(b, "inf");
    return;
  }
  uint64_t scaled = (uint64_t)(v * 1e6 + 0.5);
  buf_u64(b, scaled / 1000000);
  uint64_t frac = scaled % 1000000;
  if (frac != 0) {
    char digits[6];
    int n = 6;
    for (int i = 5; i >= 0; i--) {
      digits[i] = (char)('0' + frac % 10);
      frac /= 10;
    }
    while (digits[n - 1] == '0') n--;
    buf_str(b, ".");
    for (int i = 0; i < n && b->len < sizeof b->bytes; i++) b->bytes[b->len++] = digits[i];
  }
}

/* ---- scalars: one core value in, one out ---- */

CABI_EXPORT(IFACE "echo-bool") int32_t echo_bool(int32_t x) { return x != 0; }
CABI_EXPORT(IFACE "echo-s8") int32_t echo_s8(int32_t x) { return (int8_t)x; }
CABI_EXPORT(IFACE "echo-u8") int32_t echo_u8(int32_t x) { return (uint8_t)x; }
CABI_EXPORT(IFACE "echo-s16") int32_t echo_s16(int32_t x) { return (int16_t)x; }
CABI_EXPORT(IFACE "echo-u16") int32_t echo_u16(int32_t x) { return (uint16_t)x; }
CABI_EXPORT(IFACE "echo-s32") int32_t echo_s32(int32_t x) { return x; }
CABI_EXPORT(IFACE "echo-u32") uint32_t echo_u32(uint32_t x) { return x; }
CABI_EXPORT(IFACE "echo-s64") int64_t echo_s64(int64_t x) { return x; }
CABI_EXPORT(IFACE "echo-u64") uint64_t echo_u64(uint64_t x) { return x; }
CABI_EXPORT(IFACE "echo-f32") float echo_f32(float x) { return x; }
CABI_EXPORT(IFACE "echo-f64") double echo_f64(double x) { return x; }
CABI_EXPORT(IFACE "echo-char") uint32_t echo_char(uint32_t x) { return x; }
CABI_EXPORT(IFACE "echo-color") int32_t echo_color(int32_t x) { return x; }
CABI_EXPORT(IFACE "echo-permissions") int32_t echo_permissions(int32_t x) { return x & 0x7; }
CABI_EXPORT(IFACE "echo-features") int32_t echo_features(int32_t x) { return x & 0xfff; }

/* ---- strings and lists: (ptr, len) in, a pointer to (ptr, len) out ---- */

CABI_EXPORT(IFACE "echo-string") cabi_string *echo_string(char *ptr, uint32_t len) {
  RET.string = (cabi_string){ptr, len};
  return &RET.string;
}
CABI_EXPORT("cabi_post_" IFACE "echo-string") void post_echo_string(cabi_string *ret) {
  cabi_string_free(*ret);
}

CABI_EXPORT(IFACE "echo-bytes") byte_list *echo_bytes(uint8_t *ptr, uint32_t len) {
  RET.bytes = (byte_list){ptr, len};
  return &RET.bytes;
}
CABI_EXPORT("cabi_post_" IFACE "echo-bytes") void post_echo_bytes(byte_list *ret) {
  cabi_free(ret->ptr, ret->len);
}

CABI_EXPORT(IFACE "echo-strings") cabi_string_list *echo_strings(cabi_string *ptr, uint32_t len) {
  RET.strings = (cabi_string_list){ptr, len};
  return &RET.strings;
}
CABI_EXPORT("cabi_post_" IFACE "echo-strings") void post_echo_strings(cabi_string_list *ret) {
  cabi_string_list_free(*ret);
}

CABI_EXPORT(IFACE "echo-points") point_list *echo_points(point *ptr, uint32_t len) {
  RET.points = (point_list){ptr, len};
  return &RET.points;
}
CABI_EXPORT("cabi_post_" IFACE "echo-points") void post_echo_points(point_list *ret) {
  cabi_free(ret->ptr, (size_t)ret->len * sizeof(point));
}

/* ---- records, tuples, variants: flattened fields in, a pointer to the layout out ---- */

CABI_EXPORT(IFACE "echo-point") point *echo_point(int32_t x, int32_t y) {
  RET.point = (point){x, y};
  return &RET.point;
}

CABI_EXPORT(IFACE "echo-person")
person *echo_person(char *name_ptr, uint32_t name_len, int32_t age, int32_t email_is_some,
                    char *email_ptr, uint32_t email_len, cabi_string *tags_ptr,
                    uint32_t tags_len) {
  RET.person.name = (cabi_string){name_ptr, name_len};
  RET.person.age = (uint8_t)age;
  RET.person.email.is_some = email_is_some != 0;
  RET.person.email.value =
      email_is_some ? (cabi_string){email_ptr, email_len} : (cabi_string){NULL, 0};
  RET.person.tags = (cabi_string_list){tags_ptr, tags_len};
  return &RET.person;
}
CABI_EXPORT("cabi_post_" IFACE "echo-person") void post_echo_person(person *ret) {
  cabi_string_free(ret->name);
  if (ret->email.is_some) cabi_string_free(ret->email.value);
  cabi_string_list_free(ret->tags);
}

CABI_EXPORT(IFACE "echo-tuple")
tuple_u8_string_f64 *echo_tuple(int32_t a, char *b_ptr, uint32_t b_len, double c) {
  RET.tuple = (tuple_u8_string_f64){(uint8_t)a, {b_ptr, b_len}, c};
  return &RET.tuple;
}
CABI_EXPORT("cabi_post_" IFACE "echo-tuple") void post_echo_tuple(tuple_u8_string_f64 *ret) {
  cabi_string_free(ret->b);
}

/* A flattened `number` is (discriminant, joined i64 payload, i32 payload). */
static number number_from_flat(int32_t tag, int64_t p0, int32_t p1) {
  number n = {.tag = (uint8_t)tag};
  switch (tag) {
    case NUMBER_INT:
      n.value.i = p0;
      break;
    case NUMBER_FLOAT:
      memcpy(&n.value.f, &p0, sizeof(double));
      break;
    case NUMBER_SMALL:
      n.value.small = (uint8_t)p0;
      break;
    case NUMBER_TEXT:
      n.value.text = (cabi_string){(char *)(uintptr_t)(uint32_t)p0, (uint32_t)p1};
      break;
    default:
      break;
  }
  return n;
}

CABI_EXPORT(IFACE "echo-number") number *echo_number(int32_t tag, int64_t p0, int32_t p1) {
  RET.number = number_from_flat(tag, p0, p1);
  return &RET.number;
}
CABI_EXPORT("cabi_post_" IFACE "echo-number") void post_echo_number(number *ret) {
  if (ret->tag == NUMBER_TEXT) cabi_string_free(ret->value.text);
}

CABI_EXPORT(IFACE "echo-option") option_u32 *echo_option(int32_t is_some, uint32_t value) {
  RET.option = (option_u32){is_some != 0, is_some ? value : 0};
  return &RET.option;
}

CABI_EXPORT(IFACE "echo-result")
result_string_u32 *echo_result(int32_t is_err, int32_t p0, int32_t p1) {
  RET.result_string_u32.is_err = is_err != 0;
  if (is_err) {
    RET.result_string_u32.value.err = (uint32_t)p0;
  } else {
    RET.result_string_u32.value.ok = (cabi_string){(char *)(uintptr_t)(uint32_t)p0, (uint32_t)p1};
  }
  return &RET.result_string_u32;
}
CABI_EXPORT("cabi_post_" IFACE "echo-result") void post_echo_result(result_string_u32 *ret) {
  if (!ret->is_err) cabi_string_free(ret->value.ok);
}

/* ---- functions that compute ---- */

CABI_EXPORT(IFACE "point-add") point *point_add(int32_t ax, int32_t ay, int32_t bx, int32_t by) {
  RET.point = (point){(int32_t)((uint32_t)ax + (uint32_t)bx), (int32_t)((uint32_t)ay + (uint32_t)by)};
  return &RET.point;
}

/* The error message is static data, so this export has no post-return function. */
CABI_EXPORT(IFACE "divide") result_s32_string *divide(int32_t a, int32_t b) {
  static const char by_zero[] = "division by zero";
  static const char overflow[] = "overflow";
  if (b == 0 || (a == INT32_MIN && b == -1)) {
    const char *message = b == 0 ? by_zero : overflow;
    RET.result_s32_string.is_err = 1;
    RET.result_s32_string.value.err = (cabi_string){(char *)message, (uint32_t)strlen(message)};
  } else {
    RET.result_s32_string.is_err = 0;
    RET.result_s32_string.value.ok = a / b;
  }
  return &RET.result_s32_string;
}

/* Unicode scalar values in a UTF-8 string: every byte that is not a continuation byte. */
CABI_EXPORT(IFACE "count-chars") uint32_t count_chars(char *ptr, uint32_t len) {
  uint32_t count = 0;
  for (uint32_t i = 0; i < len; i++) {
    if (((uint8_t)ptr[i] & 0xc0) != 0x80) count++;
  }
  cabi_free(ptr, len);
  return count;
}

CABI_EXPORT(IFACE "sum-list") int64_t sum_list(int64_t *ptr, uint32_t len) {
  uint64_t sum = 0;
  for (uint32_t i = 0; i < len; i++) sum += (uint64_t)ptr[i];
  cabi_free(ptr, (size_t)len * sizeof(int64_t));
  return (int64_t)sum;
}

CABI_EXPORT(IFACE "describe") cabi_string *describe(int32_t tag, int64_t p0, int32_t p1) {
  number n = number_from_flat(tag, p0, p1);
  text_buf buf = {.len = 0};
  switch (n.tag) {
    case NUMBER_INT:
      buf_str(&buf, "int ");
      buf_s64(&buf, n.value.i);
      break;
    case NUMBER_FLOAT:
      buf_str(&buf, "float ");
      buf_f64(&buf, n.value.f);
      break;
    case NUMBER_SMALL:
      buf_str(&buf, "small ");
      buf_u64(&buf, n.value.small);
      break;
    case NUMBER_TEXT: {
      /* "text " followed by the text itself, whatever its length. */
      size_t len = 5 + n.value.text.len;
      char *text = malloc(len);
      if (text == NULL) abort();
      memcpy(text, "text ", 5);
      memcpy(text + 5, n.value.text.ptr, n.value.text.len);
      cabi_string_free(n.value.text);
      RET.string = (cabi_string){text, (uint32_t)len};
      return &RET.string;
    }
    default:
      buf_str(&buf, "nothing");
      break;
  }
  RET.string = cabi_string_copy(buf.bytes, buf.len);
  return &RET.string;
}
CABI_EXPORT("cabi_post_" IFACE "describe") void post_describe(cabi_string *ret) {
  cabi_string_free(*ret);
}

CABI_EXPORT(IFACE "next-color") int32_t next_color(int32_t c) { return (c + 1) % 3; }

CABI_EXPORT(IFACE "sum-mixed") double sum_mixed(sum_mixed_params *p) {
  double sum = (double)p->a + p->b + p->c + (double)p->d + p->e + p->f + p->g + p->h + p->i +
               (double)p->j + p->k + p->l + p->m + p->n + p->o + (double)p->p + p->q;
  free(p);
  return sum;
}

CABI_EXPORT(IFACE "concat-many") cabi_string *concat_many(concat_many_params *params) {
  cabi_string *args = params->parts;
  size_t total = 0;
  for (int i = 0; i < 9; i++) total += args[i].len;
  cabi_string out = {(char *)1, (uint32_t)total};
  if (total != 0) {
    out.ptr = malloc(total);
    if (out.ptr == NULL) abort();
    size_t at = 0;
    for (int i = 0; i < 9; i++) {
      memcpy(out.ptr + at, args[i].ptr, args[i].len);
      at += args[i].len;
    }
  }
  for (int i = 0; i < 9; i++) cabi_string_free(args[i]);
  free(params);
  RET.string = out;
  return &RET.string;
}
CABI_EXPORT("cabi_post_" IFACE "concat-many") void post_concat_many(cabi_string *ret) {
  cabi_string_free(*ret);
}

/* ---- world-level exports: plain core names ---- */

CABI_EXPORT("add") int32_t add(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}

CABI_EXPORT("greet") cabi_string *greet(char *name_ptr, uint32_t name_len) {
  static const char prefix[] = "Hello, ";
  size_t len = sizeof prefix - 1 + name_len + 1;
  char *text = malloc(len);
  if (text == NULL) abort();
  memcpy(text, prefix, sizeof prefix - 1);
  memcpy(text + sizeof prefix - 1, name_ptr, name_len);
  text[len - 1] = '!';
  cabi_free(name_ptr, name_len);
  RET.string = (cabi_string){text, (uint32_t)len};
  return &RET.string;
}
CABI_EXPORT("cabi_post_greet") void post_greet(cabi_string *ret) { cabi_string_free(*ret); }
