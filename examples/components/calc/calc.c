/*
 * The `calc` fixture: imports trellis:examples/math and exports trellis:examples/calculator.
 *
 * Calling the imported div-mod exercises lowering: its result does not fit in one core value,
 * so the core import takes an extra out-pointer parameter and the host writes the result there,
 * allocating the error string in this module's memory through cabi_realloc.
 */
#include "trellis_cabi.h"

#define IMPORTS "trellis:examples/math"
#define IFACE "trellis:examples/calculator#"

typedef struct {
  uint8_t is_err;
  union {
    struct {
      int32_t quotient;
      int32_t remainder;
    } ok;
    cabi_string err;
  } value;
} div_mod_result;

CABI_IMPORT(IMPORTS, "add") int32_t math_add(int32_t a, int32_t b);
CABI_IMPORT(IMPORTS, "div-mod") void math_div_mod(int32_t a, int32_t b, div_mod_result *out);

typedef struct {
  uint8_t is_err;
  union {
    int32_t ok;
    cabi_string err;
  } value;
} quotient_result;

static union {
  cabi_string string;
  quotient_result quotient;
} RET;

CABI_EXPORT(IFACE "sum") int32_t calculator_sum(int32_t *xs, uint32_t len) {
  int32_t total = 0;
  for (uint32_t i = 0; i < len; i++) total = math_add(total, xs[i]);
  cabi_free(xs, (size_t)len * sizeof(int32_t));
  return total;
}

/* The error string div-mod wrote into this module's memory becomes part of this result; the
 * post-return frees it. */
CABI_EXPORT(IFACE "quotient") quotient_result *calculator_quotient(int32_t a, int32_t b) {
  div_mod_result r;
  math_div_mod(a, b, &r);
  RET.quotient.is_err = r.is_err;
  if (r.is_err) {
    RET.quotient.value.err = r.value.err;
  } else {
    RET.quotient.value.ok = r.value.ok.quotient;
  }
  return &RET.quotient;
}

CABI_EXPORT("cabi_post_" IFACE "quotient") void post_calculator_quotient(quotient_result *ret) {
  if (ret->is_err) cabi_string_free(ret->value.err);
}

/* Appends the decimal form of v at out; returns the new end. */
static char *put_s32(char *out, int32_t v) {
  uint32_t u = v < 0 ? (uint32_t)0 - (uint32_t)v : (uint32_t)v;
  char digits[10];
  int n = 0;
  do {
    digits[n++] = (char)('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (v < 0) *out++ = '-';
  while (n > 0) *out++ = digits[--n];
  return out;
}

static char *put_str(char *out, const char *s, size_t len) {
  memcpy(out, s, len);
  return out + len;
}

CABI_EXPORT(IFACE "divide") cabi_string *calculator_divide(int32_t a, int32_t b) {
  div_mod_result r;
  math_div_mod(a, b, &r);
  if (r.is_err) {
    size_t len = 7 + r.value.err.len;
    char *text = malloc(len);
    if (text == NULL) abort();
    put_str(put_str(text, "error: ", 7), r.value.err.ptr, r.value.err.len);
    cabi_string_free(r.value.err);
    RET.string = (cabi_string){text, (uint32_t)len};
  } else {
    char buf[64];
    char *end = put_s32(buf, a);
    end = put_str(end, " / ", 3);
    end = put_s32(end, b);
    end = put_str(end, " = ", 3);
    end = put_s32(end, r.value.ok.quotient);
    end = put_str(end, " remainder ", 11);
    end = put_s32(end, r.value.ok.remainder);
    RET.string = cabi_string_copy(buf, (size_t)(end - buf));
  }
  return &RET.string;
}

CABI_EXPORT("cabi_post_" IFACE "divide") void post_calculator_divide(cabi_string *ret) {
  cabi_string_free(*ret);
}
