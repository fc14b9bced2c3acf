package dev.trellis.host.http;

import java.util.Optional;

/**
 * The Java object behind a {@code wasi:http/types.incoming-response}: the status, immutable headers
 * and once-consumable body of a response to an outgoing request.
 */
final class IncomingResponse {
  private final int status;
  private final Fields headers;
  private Optional<IncomingBody> body;

  IncomingResponse(int status, Fields headers, IncomingBody body) {
    this.status = status;
    this.headers = headers.freeze();
    this.body = Optional.of(body);
  }

  int status() {
    return status;
  }

  Fields headers() {
    return headers;
  }

  /** The body the first time, then nothing. */
  Optional<IncomingBody> consume() {
    Optional<IncomingBody> b = body;
    body = Optional.empty();
    return b;
  }

  /** Dropped without consuming the body: stop the download. */
  void close() {
    body.ifPresent(IncomingBody::close);
  }
}
