/*
 * The `adder` fixture: exports trellis:examples/math. Its error messages are heap strings
 * freed by the post-return function, so a host linking it to calc.wasm has to copy a string
 * out of this instance into the caller's memory and then run this instance's post-return.
 */
#include "trellis_cabi.h"

#define IFACE "trellis:examples/math#"

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

_Static_assert(sizeof(div_mod_result) == 12, "result<tuple<s32, s32>, string> layout");

static div_mod_result RET;

CABI_EXPORT(IFACE "add") int32_t math_add(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}

CABI_EXPORT(IFACE "div-mod") div_mod_result *math_div_mod(int32_t a, int32_t b) {
  if (b == 0 || (a == INT32_MIN && b == -1)) {
    RET.is_err = 1;
    RET.value.err = cabi_string_from(b == 0 ? "division by zero" : "overflow");
  } else {
    RET.is_err = 0;
    RET.value.ok.quotient = a / b;
    RET.value.ok.remainder = a % b;
  }
  return &RET;
}

CABI_EXPORT("cabi_post_" IFACE "div-mod") void post_math_div_mod(div_mod_result *ret) {
  if (ret->is_err) cabi_string_free(ret->value.err);
}
