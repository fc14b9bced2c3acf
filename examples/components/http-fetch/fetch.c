/*
 * The `http-fetch` fixture: a wasi:http/incoming-handler@0.2.0 that makes one outgoing GET with
 * wasi:http/outgoing-handler and answers with the upstream's status and body (streamed chunk by
 * chunk). The URL comes from the query: GET /?url=http://host:port/path.
 *
 *   no url=             -> 400 "usage: /?url=http://host[:port]/path\n"
 *   handle() -> err(e)  -> response-outparam.set(err(e)) (the host picks the status: 403 for
 *                          HTTP-request-denied), so the error code travels back to the host
 *   upstream answered   -> upstream status, upstream body
 *
 * Error codes with a payload are passed on as internal-error(none).
 */
#include "trellis_cabi.h"

#define TYPES "wasi:http/types@0.2.0"
#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

typedef int32_t handle;

IMPORT(TYPES, "[method]incoming-request.path-with-query") void request_path(handle, void *ret);
IMPORT(TYPES, "[resource-drop]incoming-request") void drop_request(handle);
IMPORT(TYPES, "[constructor]fields") handle fields_new(void);
IMPORT(TYPES, "[constructor]outgoing-request") handle outgoing_request_new(handle headers);
IMPORT(TYPES, "[method]outgoing-request.set-scheme")
int32_t set_scheme(handle, int32_t is_some, int32_t scheme, char *other, uint32_t other_len);
IMPORT(TYPES, "[method]outgoing-request.set-authority")
int32_t set_authority(handle, int32_t is_some, const char *ptr, uint32_t len);
IMPORT(TYPES, "[method]outgoing-request.set-path-with-query")
int32_t set_path(handle, int32_t is_some, const char *ptr, uint32_t len);
IMPORT("wasi:http/outgoing-handler@0.2.0", "handle")
void outgoing_handle(handle request, int32_t has_options, handle options, void *ret);
IMPORT(TYPES, "[method]future-incoming-response.subscribe") handle future_subscribe(handle);
IMPORT(TYPES, "[method]future-incoming-response.get") void future_get(handle, void *ret);
IMPORT(TYPES, "[resource-drop]future-incoming-response") void drop_future(handle);
IMPORT("wasi:io/poll@0.2.0", "[method]pollable.block") void pollable_block(handle);
IMPORT("wasi:io/poll@0.2.0", "[resource-drop]pollable") void drop_pollable(handle);
IMPORT(TYPES, "[method]incoming-response.status") int32_t response_status(handle);
IMPORT(TYPES, "[method]incoming-response.consume") void response_consume(handle, void *ret);
IMPORT(TYPES, "[resource-drop]incoming-response") void drop_incoming_response(handle);
IMPORT(TYPES, "[method]incoming-body.stream") void body_stream(handle, void *ret);
IMPORT(TYPES, "[static]incoming-body.finish") handle body_finish_in(handle);
IMPORT(TYPES, "[resource-drop]future-trailers") void drop_trailers(handle);
IMPORT(TYPES, "[constructor]outgoing-response") handle outgoing_response_new(handle headers);
IMPORT(TYPES, "[method]outgoing-response.set-status-code") int32_t set_status(handle, int32_t);
IMPORT(TYPES, "[method]outgoing-response.body") void response_body(handle, void *ret);
IMPORT(TYPES, "[method]outgoing-body.write") void body_write(handle, void *ret);
IMPORT(TYPES, "[static]outgoing-body.finish")
void body_finish(handle, int32_t has_trailers, handle trailers, void *ret);
IMPORT(TYPES, "[static]response-outparam.set")
void outparam_set(handle out, int32_t is_err, int32_t a, int32_t b, int64_t c, int32_t d,
                  int32_t e, int32_t f, int32_t g);
IMPORT("wasi:io/streams@0.2.0", "[method]input-stream.blocking-read")
void blocking_read(handle, int64_t len, void *ret);
IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.blocking-write-and-flush")
void write_and_flush(handle, const char *ptr, uint32_t len, void *ret);
IMPORT("wasi:io/streams@0.2.0", "[resource-drop]input-stream") void drop_input(handle);
IMPORT("wasi:io/streams@0.2.0", "[resource-drop]output-stream") void drop_output(handle);

/* result<own<T>> and option<string> as lowered into a return area. */
typedef struct {
  uint8_t is_err;
  handle value;
  uint32_t len;
} ret_handle;

/* Large enough for option<result<result<own, error-code>>> (40 bytes, align 8). */
typedef union {
  uint8_t bytes[64];
  uint64_t align;
} ret_area;

static int has_payload(uint8_t code) {
  switch (code) {
    case 1: case 14: case 17: case 21: case 22: case 23: case 24: case 26: case 27: case 28:
    case 29: case 30: case 31: case 32: case 38:
      return 1;
    default:
      return 0;
  }
}

static void answer_error(handle out, uint8_t code) {
  outparam_set(out, 1, has_payload(code) ? 38 : code, 0, 0, 0, 0, 0, 0);
}

/* Sends status and the bytes of `in` (a stream, or -1) or `text`, then finishes the body. */
static void answer(handle out, int32_t status, handle in, const char *text) {
  ret_handle r;
  handle response = outgoing_response_new(fields_new());
  set_status(response, status);
  response_body(response, &r);
  if (r.is_err) abort();
  handle body = r.value;
  outparam_set(out, 0, response, 0, 0, 0, 0, 0, 0);
  body_write(body, &r);
  if (r.is_err) abort();
  handle stream = r.value;
  ret_handle w;
  if (in < 0) {
    write_and_flush(stream, text, (uint32_t)strlen(text), &w);
  } else {
    for (;;) {
      struct { uint8_t is_err; char *ptr; uint32_t len; } chunk;
      blocking_read(in, 65536, &chunk);
      if (chunk.is_err) break; /* closed: the upstream body ended */
      write_and_flush(stream, chunk.ptr, chunk.len, &w);
      cabi_free(chunk.ptr, chunk.len);
      if (w.is_err) abort();
    }
  }
  drop_output(stream);
  ret_area done;
  body_finish(body, 0, 0, &done);
  if (done.bytes[0]) abort();
}

/* Splits "scheme://authority/path" into its parts; returns 0 if it is not http(s). */
static int split_url(const char *url, uint32_t len, int32_t *scheme, cabi_string *authority,
                     cabi_string *path) {
  uint32_t skip;
  if (len >= 7 && memcmp(url, "http://", 7) == 0) {
    *scheme = 0, skip = 7;
  } else if (len >= 8 && memcmp(url, "https://", 8) == 0) {
    *scheme = 1, skip = 8;
  } else {
    return 0;
  }
  uint32_t slash = skip;
  while (slash < len && url[slash] != '/') slash++;
  if (slash == skip) return 0;
  authority->ptr = (char *)url + skip, authority->len = slash - skip;
  if (slash == len) {
    path->ptr = "/", path->len = 1;
  } else {
    path->ptr = (char *)url + slash, path->len = len - slash;
  }
  return 1;
}

/* The bytes after "url=" in the query, or NULL. */
static const char *find_url(const char *pq, uint32_t len, uint32_t *url_len) {
  for (uint32_t i = 0; i + 4 <= len; i++) {
    if (memcmp(pq + i, "url=", 4) == 0 && i > 0 && (pq[i - 1] == '?' || pq[i - 1] == '&')) {
      *url_len = len - i - 4;
      return pq + i + 4;
    }
  }
  return NULL;
}

static void fetch(handle out, int32_t scheme, cabi_string authority, cabi_string path) {
  handle request = outgoing_request_new(fields_new());
  if (set_scheme(request, 1, scheme, NULL, 0) || set_authority(request, 1, authority.ptr, authority.len) ||
      set_path(request, 1, path.ptr, path.len)) {
    answer(out, 400, -1, "invalid url\n");
    return;
  }
  ret_area r;
  outgoing_handle(request, 0, 0, &r);
  if (r.bytes[0]) { /* err(error-code) at offset 8 */
    answer_error(out, r.bytes[8]);
    return;
  }
  handle future = *(handle *)&r.bytes[8];
  handle ready = future_subscribe(future);
  pollable_block(ready);
  drop_pollable(ready);
  future_get(future, &r);
  drop_future(future);
  /* some(ok(...)) at 0 and 8; the inner result at 16, its payload at 24 */
  if (!r.bytes[0] || r.bytes[8]) abort();
  if (r.bytes[16]) {
    answer_error(out, r.bytes[24]);
    return;
  }
  handle response = *(handle *)&r.bytes[24];
  int32_t status = response_status(response);
  ret_handle h;
  response_consume(response, &h);
  if (h.is_err) abort();
  handle body = h.value;
  body_stream(body, &h);
  if (h.is_err) abort();
  handle in = h.value;
  answer(out, status, in, NULL);
  drop_input(in);
  drop_trailers(body_finish_in(body));
  drop_incoming_response(response);
}

CABI_EXPORT("wasi:http/incoming-handler@0.2.0#handle")
void handle_request(handle request, handle out) {
  ret_handle pq;
  request_path(request, &pq);
  drop_request(request);
  uint32_t url_len = 0;
  const char *url = pq.is_err ? find_url((const char *)pq.value, pq.len, &url_len) : NULL;
  int32_t scheme;
  cabi_string authority, path;
  if (url == NULL || !split_url(url, url_len, &scheme, &authority, &path)) {
    answer(out, 400, -1, "usage: /?url=http://host[:port]/path\n");
  } else {
    fetch(out, scheme, authority, path);
  }
  if (pq.is_err) cabi_free((void *)pq.value, pq.len);
}
