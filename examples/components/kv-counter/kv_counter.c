/*
 * The `kv-counter` fixture: a counter kept in wasi:keyvalue@0.2.0-draft, so its count outlives
 * every instance and, with a persistent backend, the host.
 *
 *   increment()      opens the bucket named by wasi:config "bucket" ("counter" when unset),
 *                    adds one to its key "count" with wasi:keyvalue/atomics and returns the new
 *                    count; traps when the store answers with an error
 *   handle-message   the same, then publishes the new count (decimal) to the message's
 *                    reply-to subject with wasmcloud:messaging/consumer, if it has one; a store
 *                    or publish error becomes the err string, and a store error is also
 *                    published to the reply-to subject as "error: <message>"
 *
 * Both log the new count through wasi:logging at info level with context "kv-counter".
 */
#include "trellis_cabi.h"

#define KV_STORE "wasi:keyvalue/store@0.2.0-draft"
#define KV_ATOMICS "wasi:keyvalue/atomics@0.2.0-draft"
#define CONFIG "wasi:config/store@0.2.0-rc.1"
#define LOGGING "wasi:logging/logging@0.1.0-draft"
#define CONSUMER "wasmcloud:messaging/consumer@0.2.0"
#define HANDLER "wasmcloud:messaging/handler@0.2.0#handle-message"

/* variant error { no-such-store, access-denied, other(string) }: 12 bytes, align 4. */
typedef struct {
  uint8_t tag;
  cabi_string other;
} kv_error;

enum { KV_ERROR_OTHER = 2 };

/* result<own<bucket>, error>: payload at 4. */
typedef struct {
  uint8_t is_err;
  union {
    int32_t bucket;
    kv_error err;
  } v;
} kv_open_result;

/* result<u64, error>: payload at 8. */
typedef struct {
  uint8_t is_err;
  union {
    uint64_t ok;
    kv_error err;
  } v;
} kv_u64_result;

_Static_assert(sizeof(kv_open_result) == 16, "result<bucket, error> layout");
_Static_assert(sizeof(kv_u64_result) == 24, "result<u64, error> layout");

/* result<option<string>, error> where error = variant { upstream(string), io(string) }. */
typedef struct {
  uint8_t is_err;
  union {
    struct {
      uint8_t is_some;
      cabi_string value;
    } ok;
    struct {
      uint8_t tag;
      cabi_string text;
    } err;
  } v;
} config_get_result;

/* result<_, string>. */
typedef struct {
  uint8_t is_err;
  cabi_string err;
} unit_result;

_Static_assert(sizeof(config_get_result) == 16, "result<option<string>, error> layout");
_Static_assert(sizeof(unit_result) == 12, "result<_, string> layout");

CABI_IMPORT(KV_STORE, "open") void kv_open(char *id, uint32_t id_len, kv_open_result *ret);
CABI_IMPORT(KV_STORE, "[resource-drop]bucket") void kv_bucket_drop(int32_t bucket);
CABI_IMPORT(KV_ATOMICS, "increment")
void kv_increment(int32_t bucket, char *key, uint32_t key_len, uint64_t delta, kv_u64_result *ret);
CABI_IMPORT(CONFIG, "get") void config_get(char *key, uint32_t key_len, config_get_result *ret);
CABI_IMPORT(LOGGING, "log")
void logging_log(int32_t level, char *context, uint32_t context_len, char *message,
                 uint32_t message_len);
CABI_IMPORT(CONSUMER, "publish")
void consumer_publish(char *subject, uint32_t subject_len, uint8_t *body, uint32_t body_len,
                      int32_t has_reply_to, char *reply_to, uint32_t reply_to_len,
                      unit_result *ret);

enum { LOG_INFO = 2 };

static char CONTEXT[] = "kv-counter";
static char COUNT_KEY[] = "count";
static char BUCKET_KEY[] = "bucket";
static char DEFAULT_BUCKET[] = "counter";

/* Appends the decimal form of v at out; returns the new end. */
static char *put_u64(char *out, uint64_t v) {
  char digits[20];
  int n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) *out++ = digits[--n];
  return out;
}

static char *put_str(char *out, const char *s, size_t len) {
  memcpy(out, s, len);
  return out + len;
}

static void log_count(uint64_t count) {
  char text[32];
  char *end = put_u64(put_str(text, "count=", 6), count);
  logging_log(LOG_INFO, CONTEXT, sizeof CONTEXT - 1, text, (uint32_t)(end - text));
}

/* The configured bucket name (heap) or the default (static); *owned says which. */
static cabi_string bucket_name(int *owned) {
  config_get_result r;
  config_get(BUCKET_KEY, sizeof BUCKET_KEY - 1, &r);
  if (!r.is_err && r.v.ok.is_some) {
    *owned = 1;
    return r.v.ok.value;
  }
  if (r.is_err) cabi_string_free(r.v.err.text);
  *owned = 0;
  return (cabi_string){DEFAULT_BUCKET, sizeof DEFAULT_BUCKET - 1};
}

/* Adds one to the count. 0 and *count on success; 1 and an error message (heap) otherwise. */
static int add_one(uint64_t *count, cabi_string *error) {
  int owned;
  cabi_string name = bucket_name(&owned);
  kv_open_result opened;
  kv_open(name.ptr, name.len, &opened);
  if (owned) cabi_string_free(name);
  if (opened.is_err) {
    *error = opened.v.err.tag == KV_ERROR_OTHER ? opened.v.err.other
                                                : cabi_string_copy("cannot open bucket", 18);
    return 1;
  }
  kv_u64_result added;
  kv_increment(opened.v.bucket, COUNT_KEY, sizeof COUNT_KEY - 1, 1, &added);
  kv_bucket_drop(opened.v.bucket);
  if (added.is_err) {
    *error = added.v.err.tag == KV_ERROR_OTHER ? added.v.err.other
                                               : cabi_string_copy("cannot increment", 16);
    return 1;
  }
  *count = added.v.ok;
  log_count(*count);
  return 0;
}

CABI_EXPORT("increment") uint64_t increment(void) {
  uint64_t count;
  cabi_string error;
  if (add_one(&count, &error) != 0) __builtin_trap();
  return count;
}

static unit_result RESULT;

CABI_EXPORT(HANDLER)
unit_result *handle_message(char *subject, uint32_t subject_len, uint8_t *body, uint32_t body_len,
                            int32_t has_reply_to, char *reply_to, uint32_t reply_to_len) {
  cabi_free(subject, subject_len);
  cabi_free(body, body_len);
  uint64_t count;
  cabi_string error;
  RESULT.is_err = 0;
  if (add_one(&count, &error) != 0) {
    RESULT.is_err = 1;
    RESULT.err = error;
    if (has_reply_to) {
      /* Tell the requester why, so a failing store is an answer rather than a silence. */
      size_t len = 7 + error.len;
      char *text = cabi_realloc(NULL, 0, 1, len);
      memcpy(put_str(text, "error: ", 7), error.ptr, error.len);
      unit_result published;
      consumer_publish(reply_to, reply_to_len, (uint8_t *)text, (uint32_t)len, 0, NULL, 0,
                       &published);
      cabi_free(text, len);
      if (published.is_err) cabi_string_free(published.err);
    }
  } else if (has_reply_to) {
    char text[20];
    char *end = put_u64(text, count);
    unit_result published;
    consumer_publish(reply_to, reply_to_len, (uint8_t *)text, (uint32_t)(end - text), 0, NULL, 0,
                     &published);
    if (published.is_err) {
      RESULT.is_err = 1;
      RESULT.err = published.err;
    }
  }
  if (has_reply_to) cabi_free(reply_to, reply_to_len);
  return &RESULT;
}

CABI_EXPORT("cabi_post_" HANDLER) void post_handle_message(unit_result *ret) {
  if (ret->is_err) cabi_string_free(ret->err);
}
