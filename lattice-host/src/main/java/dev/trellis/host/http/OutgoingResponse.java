package dev.trellis.host.http;

import java.util.Optional;

/**
 * The Java object behind a {@code wasi:http/types.outgoing-response}: status (200 unless set),
 * headers (frozen when the response is built) and a body that can be taken once.
 */
final class OutgoingResponse {
  private final Fields headers;
  private int status = 200;
  private Optional<OutgoingBody> body = Optional.empty();
  private boolean bodyTaken;

  OutgoingResponse(Fields headers) {
    this.headers = headers.freeze();
  }

  int status() {
    return status;
  }

  /** Sets the status; false if it is not a valid HTTP status (100..999). */
  boolean setStatus(int code) {
    if (code < 100 || code > 999) {
      return false;
    }
    status = code;
    return true;
  }

  Fields headers() {
    return headers;
  }

  /** The body the first time, then nothing. */
  Optional<OutgoingBody> takeBody() {
    if (bodyTaken) {
      return Optional.empty();
    }
    bodyTaken = true;
    body =
        Optional.of(
            new OutgoingBody(
                new ResponseBodySink(), false, OutgoingRequest.contentLength(headers)));
    return body;
  }

  /** The body, if the guest took it. */
  Optional<OutgoingBody> body() {
    return body;
  }
}
