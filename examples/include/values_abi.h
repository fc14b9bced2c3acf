/*
 * Canonical ABI memory layouts of the types in trellis:examples/values (components/values/
 * world.wit), shared by the component that exports the interface (values) and the one that
 * imports it (values-client).
 */
#ifndef TRELLIS_VALUES_ABI_H
#define TRELLIS_VALUES_ABI_H

#include "trellis_cabi.h"

typedef struct {
  int32_t x;
  int32_t y;
} point;

typedef struct {
  point *ptr;
  uint32_t len;
} point_list;

typedef struct {
  uint8_t *ptr;
  uint32_t len;
} byte_list;

typedef struct {
  int64_t *ptr;
  uint32_t len;
} s64_list;

typedef struct {
  uint8_t is_some;
  cabi_string value;
} option_string;

typedef struct {
  cabi_string name;
  uint8_t age;
  option_string email;
  cabi_string_list tags;
} person;

enum { NUMBER_INT, NUMBER_FLOAT, NUMBER_SMALL, NUMBER_TEXT, NUMBER_NOTHING };

typedef struct {
  uint8_t tag;
  union {
    int64_t i;
    double f;
    uint8_t small;
    cabi_string text;
  } value;
} number;

typedef struct {
  uint8_t a;
  cabi_string b;
  double c;
} tuple_u8_string_f64;

typedef struct {
  uint8_t is_some;
  uint32_t value;
} option_u32;

typedef struct {
  uint8_t is_err;
  union {
    cabi_string ok;
    uint32_t err;
  } value;
} result_string_u32;

typedef struct {
  uint8_t is_err;
  union {
    int32_t ok;
    cabi_string err;
  } value;
} result_s32_string;

/* The parameters of sum-mixed as the tuple the host writes when they do not fit in 16 values. */
typedef struct {
  uint8_t a;
  int16_t b;
  uint32_t c;
  int64_t d;
  float e;
  double f;
  uint8_t g;
  int16_t h;
  uint32_t i;
  int64_t j;
  float k;
  double l;
  uint8_t m;
  int16_t n;
  uint32_t o;
  int64_t p;
  float q;
} sum_mixed_params;

_Static_assert(sizeof(point) == 8, "point layout");
_Static_assert(offsetof(person, age) == 8 && offsetof(person, email) == 12 &&
                   offsetof(person, tags) == 24 && sizeof(person) == 32,
               "person layout");
_Static_assert(offsetof(number, value) == 8 && sizeof(number) == 16, "number layout");
_Static_assert(offsetof(tuple_u8_string_f64, b) == 4 && offsetof(tuple_u8_string_f64, c) == 16 &&
                   sizeof(tuple_u8_string_f64) == 24,
               "tuple layout");
_Static_assert(sizeof(result_string_u32) == 12 && sizeof(result_s32_string) == 12, "results");
_Static_assert(offsetof(sum_mixed_params, q) == 80 && sizeof(sum_mixed_params) == 88,
               "sum-mixed tuple layout");

/* The 9 (ptr, len) pairs of concat-many's parameters, spilled into memory. */
typedef struct {
  cabi_string parts[9];
} concat_many_params;

#endif
