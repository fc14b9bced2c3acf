/*
 * The `values-client` fixture: imports trellis:examples/values (and the world-level add and
 * greet) and calls every function once from run-checks.
 *
 * Import signatures follow the canonical ABI's lowering rules: parameters are flattened unless
 * there are more than 16 core values (then the caller passes one pointer to the tuple in its own
 * memory); a result of more than one core value is written by the host through an extra
 * out-pointer parameter. Strings and lists in results are allocated in this module's memory with
 * its cabi_realloc and belong to this module; arguments stay owned by this module too.
 */
#include "values_abi.h"

#define VALUES "trellis:examples/values"

CABI_IMPORT(VALUES, "echo-bool") int32_t echo_bool(int32_t x);
CABI_IMPORT(VALUES, "echo-s8") int32_t echo_s8(int32_t x);
CABI_IMPORT(VALUES, "echo-u8") int32_t echo_u8(int32_t x);
CABI_IMPORT(VALUES, "echo-s16") int32_t echo_s16(int32_t x);
CABI_IMPORT(VALUES, "echo-u16") int32_t echo_u16(int32_t x);
CABI_IMPORT(VALUES, "echo-s32") int32_t echo_s32(int32_t x);
CABI_IMPORT(VALUES, "echo-u32") uint32_t echo_u32(uint32_t x);
CABI_IMPORT(VALUES, "echo-s64") int64_t echo_s64(int64_t x);
CABI_IMPORT(VALUES, "echo-u64") uint64_t echo_u64(uint64_t x);
CABI_IMPORT(VALUES, "echo-f32") float echo_f32(float x);
CABI_IMPORT(VALUES, "echo-f64") double echo_f64(double x);
CABI_IMPORT(VALUES, "echo-char") uint32_t echo_char(uint32_t x);
CABI_IMPORT(VALUES, "echo-string") void echo_string(const char *ptr, uint32_t len, cabi_string *out);
CABI_IMPORT(VALUES, "echo-bytes") void echo_bytes(const uint8_t *ptr, uint32_t len, byte_list *out);
CABI_IMPORT(VALUES, "echo-strings")
void echo_strings(const cabi_string *ptr, uint32_t len, cabi_string_list *out);
CABI_IMPORT(VALUES, "echo-points") void echo_points(const point *ptr, uint32_t len, point_list *out);
CABI_IMPORT(VALUES, "echo-point") void echo_point(int32_t x, int32_t y, point *out);
CABI_IMPORT(VALUES, "echo-person")
void echo_person(const char *name_ptr, uint32_t name_len, int32_t age, int32_t email_is_some,
                 const char *email_ptr, uint32_t email_len, const cabi_string *tags_ptr,
                 uint32_t tags_len, person *out);
CABI_IMPORT(VALUES, "echo-tuple")
void echo_tuple(int32_t a, const char *b_ptr, uint32_t b_len, double c, tuple_u8_string_f64 *out);
CABI_IMPORT(VALUES, "echo-number") void echo_number(int32_t tag, int64_t p0, int32_t p1, number *out);
CABI_IMPORT(VALUES, "echo-color") int32_t echo_color(int32_t x);
CABI_IMPORT(VALUES, "echo-option") void echo_option(int32_t is_some, uint32_t value, option_u32 *out);
CABI_IMPORT(VALUES, "echo-result")
void echo_result(int32_t is_err, int32_t p0, int32_t p1, result_string_u32 *out);
CABI_IMPORT(VALUES, "echo-permissions") int32_t echo_permissions(int32_t x);
CABI_IMPORT(VALUES, "echo-features") int32_t echo_features(int32_t x);
CABI_IMPORT(VALUES, "point-add")
void point_add(int32_t ax, int32_t ay, int32_t bx, int32_t by, point *out);
CABI_IMPORT(VALUES, "divide") void divide(int32_t a, int32_t b, result_s32_string *out);
CABI_IMPORT(VALUES, "count-chars") uint32_t count_chars(const char *ptr, uint32_t len);
CABI_IMPORT(VALUES, "sum-list") int64_t sum_list(const int64_t *ptr, uint32_t len);
CABI_IMPORT(VALUES, "describe") void describe(int32_t tag, int64_t p0, int32_t p1, cabi_string *out);
CABI_IMPORT(VALUES, "next-color") int32_t next_color(int32_t c);
CABI_IMPORT(VALUES, "sum-mixed") double sum_mixed(const sum_mixed_params *params);
CABI_IMPORT(VALUES, "concat-many")
void concat_many(const concat_many_params *params, cabi_string *out);
/* World-level imports live in the "$root" module. */
CABI_IMPORT("$root", "add") int32_t root_add(int32_t a, int32_t b);
CABI_IMPORT("$root", "greet") void root_greet(const char *ptr, uint32_t len, cabi_string *out);

typedef struct {
  uint8_t is_err;
  union {
    uint32_t ok;
    cabi_string err;
  } value;
} run_result;

static run_result RET;
static uint32_t passed;
static const char *failed_check;
static const char *failure;

#define CHECK(name, condition)                    \
  do {                                            \
    if (!(condition)) {                           \
      failed_check = (name);                      \
      failure = "unexpected result: " #condition; \
      return false;                               \
    }                                             \
    passed++;                                     \
  } while (0)

static bool str_is(cabi_string s, const char *expected) {
  return s.len == strlen(expected) && memcmp(s.ptr, expected, s.len) == 0;
}

static uint64_t f64_bits(double d) {
  uint64_t bits;
  memcpy(&bits, &d, sizeof bits);
  return bits;
}

static bool check_scalars(void) {
  CHECK("echo-bool", echo_bool(1) == 1 && echo_bool(0) == 0);
  CHECK("echo-s8", echo_s8(-128) == -128);
  CHECK("echo-u8", echo_u8(255) == 255);
  CHECK("echo-s16", echo_s16(-32768) == -32768);
  CHECK("echo-u16", echo_u16(65535) == 65535);
  CHECK("echo-s32", echo_s32(INT32_MIN) == INT32_MIN);
  CHECK("echo-u32", echo_u32(UINT32_MAX) == UINT32_MAX);
  CHECK("echo-s64", echo_s64(INT64_MIN) == INT64_MIN);
  CHECK("echo-u64", echo_u64(UINT64_MAX) == UINT64_MAX);
  CHECK("echo-f32", echo_f32(1.5f) == 1.5f);
  CHECK("echo-f64", f64_bits(echo_f64(-0.1)) == f64_bits(-0.1));
  CHECK("echo-char", echo_char(0x1F600) == 0x1F600);
  CHECK("echo-color", echo_color(2) == 2);
  CHECK("echo-permissions", echo_permissions(0x5) == 0x5);
  CHECK("echo-features", echo_features(0x901) == 0x901);
  CHECK("next-color", next_color(2) == 0);
  CHECK("add", root_add(INT32_MAX, 1) == INT32_MIN);
  return true;
}

static bool check_strings_and_lists(void) {
  static const char text[] = "h\xc3\xa9llo \xf0\x9f\x98\x80"; /* "héllo 😀" */
  cabi_string s;
  echo_string(text, sizeof text - 1, &s);
  CHECK("echo-string", str_is(s, text));
  cabi_string_free(s);

  echo_string("", 0, &s);
  CHECK("echo-string empty", s.len == 0);
  cabi_string_free(s);

  static const uint8_t bytes[] = {0, 1, 2, 254, 255};
  byte_list b;
  echo_bytes(bytes, sizeof bytes, &b);
  CHECK("echo-bytes", b.len == sizeof bytes && memcmp(b.ptr, bytes, sizeof bytes) == 0);
  cabi_free(b.ptr, b.len);

  cabi_string strings[] = {{"one", 3}, {"", 0}, {"three", 5}};
  cabi_string_list l;
  echo_strings(strings, 3, &l);
  CHECK("echo-strings", l.len == 3 && str_is(l.ptr[0], "one") && str_is(l.ptr[1], "") &&
                            str_is(l.ptr[2], "three"));
  cabi_string_list_free(l);

  point points[] = {{1, 2}, {-3, 4}};
  point_list pl;
  echo_points(points, 2, &pl);
  CHECK("echo-points", pl.len == 2 && pl.ptr[0].x == 1 && pl.ptr[0].y == 2 &&
                           pl.ptr[1].x == -3 && pl.ptr[1].y == 4);
  cabi_free(pl.ptr, (size_t)pl.len * sizeof(point));

  CHECK("count-chars", count_chars(text, sizeof text - 1) == 7);

  static const int64_t xs[] = {1, 2, -10, INT64_MAX};
  CHECK("sum-list", sum_list(xs, 4) == (int64_t)((uint64_t)INT64_MAX - 7));

  root_greet("Trellis", 7, &s);
  CHECK("greet", str_is(s, "Hello, Trellis!"));
  cabi_string_free(s);
  return true;
}

static bool check_compound(void) {
  point p;
  echo_point(7, -8, &p);
  CHECK("echo-point", p.x == 7 && p.y == -8);
  point_add(1, 2, 3, 4, &p);
  CHECK("point-add", p.x == 4 && p.y == 6);

  cabi_string tags[] = {{"math", 4}, {"code", 4}};
  person who;
  echo_person("Ada", 3, 36, 1, "ada@example.com", 15, tags, 2, &who);
  CHECK("echo-person", str_is(who.name, "Ada") && who.age == 36 && who.email.is_some &&
                           str_is(who.email.value, "ada@example.com") && who.tags.len == 2 &&
                           str_is(who.tags.ptr[1], "code"));
  cabi_string_free(who.name);
  cabi_string_free(who.email.value);
  cabi_string_list_free(who.tags);

  echo_person("Bob", 3, 7, 0, NULL, 0, NULL, 0, &who);
  CHECK("echo-person without email", str_is(who.name, "Bob") && !who.email.is_some &&
                                         who.tags.len == 0);
  cabi_string_free(who.name);

  tuple_u8_string_f64 t;
  echo_tuple(200, "xyz", 3, 2.5, &t);
  CHECK("echo-tuple", t.a == 200 && str_is(t.b, "xyz") && t.c == 2.5);
  cabi_string_free(t.b);

  number n;
  echo_number(NUMBER_INT, -5, 0, &n);
  CHECK("echo-number int", n.tag == NUMBER_INT && n.value.i == -5);
  echo_number(NUMBER_FLOAT, (int64_t)f64_bits(1.25), 0, &n);
  CHECK("echo-number float", n.tag == NUMBER_FLOAT && n.value.f == 1.25);
  echo_number(NUMBER_SMALL, 200, 0, &n);
  CHECK("echo-number small", n.tag == NUMBER_SMALL && n.value.small == 200);
  echo_number(NUMBER_TEXT, (int64_t)(uintptr_t) "hi", 2, &n);
  CHECK("echo-number text", n.tag == NUMBER_TEXT && str_is(n.value.text, "hi"));
  cabi_string_free(n.value.text);
  echo_number(NUMBER_NOTHING, 0, 0, &n);
  CHECK("echo-number nothing", n.tag == NUMBER_NOTHING);

  cabi_string s;
  describe(NUMBER_FLOAT, (int64_t)f64_bits(-2.5), 0, &s);
  CHECK("describe", str_is(s, "float -2.5"));
  cabi_string_free(s);

  option_u32 o;
  echo_option(1, 42, &o);
  CHECK("echo-option some", o.is_some && o.value == 42);
  echo_option(0, 0, &o);
  CHECK("echo-option none", !o.is_some);

  result_string_u32 r;
  echo_result(0, (int32_t)(uintptr_t) "fine", 4, &r);
  CHECK("echo-result ok", !r.is_err && str_is(r.value.ok, "fine"));
  cabi_string_free(r.value.ok);
  echo_result(1, 7, 0, &r);
  CHECK("echo-result err", r.is_err && r.value.err == 7);

  result_s32_string d;
  divide(7, 2, &d);
  CHECK("divide", !d.is_err && d.value.ok == 3);
  divide(1, 0, &d);
  CHECK("divide by zero", d.is_err && str_is(d.value.err, "division by zero"));
  cabi_string_free(d.value.err);
  return true;
}

/* More than 16 flattened parameters: the caller passes a pointer to the tuple. */
static bool check_spilled_params(void) {
  static const sum_mixed_params mixed = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
  CHECK("sum-mixed", sum_mixed(&mixed) == 153.0);

  static const concat_many_params parts = {
      {{"a", 1}, {"b", 1}, {"", 0}, {"d", 1}, {"e", 1}, {"f", 1}, {"g", 1}, {"h", 1}, {"i", 1}}};
  cabi_string s;
  concat_many(&parts, &s);
  CHECK("concat-many", str_is(s, "abdefghi"));
  cabi_string_free(s);
  return true;
}

CABI_EXPORT("run-checks") run_result *run_checks(void) {
  passed = 0;
  bool ok = check_scalars() && check_strings_and_lists() && check_compound() &&
            check_spilled_params();
  if (ok) {
    RET.is_err = 0;
    RET.value.ok = passed;
  } else {
    size_t name_len = strlen(failed_check), failure_len = strlen(failure);
    size_t len = name_len + 2 + failure_len;
    char *text = malloc(len);
    if (text == NULL) abort();
    memcpy(text, failed_check, name_len);
    memcpy(text + name_len, ": ", 2);
    memcpy(text + name_len + 2, failure, failure_len);
    RET.is_err = 1;
    RET.value.err = (cabi_string){text, (uint32_t)len};
  }
  return &RET;
}

CABI_EXPORT("cabi_post_run-checks") void post_run_checks(run_result *ret) {
  if (ret->is_err) cabi_string_free(ret->value.err);
}
