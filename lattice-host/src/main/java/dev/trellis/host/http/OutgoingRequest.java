package dev.trellis.host.http;

import java.util.Optional;

/**
 * The Java object behind a {@code wasi:http/types.outgoing-request}: method ({@code GET} unless
 * set), path with query, scheme, authority, frozen headers and a body that can be taken once and
 * streams to the HTTP client.
 */
final class OutgoingRequest {
  private final Fields headers;
  String method = "GET";
  Optional<String> pathWithQuery = Optional.empty();
  Optional<String> scheme = Optional.empty();
  Optional<String> authority = Optional.empty();
  private Optional<OutgoingBody> body = Optional.empty();
  private Optional<PublisherSink> sink = Optional.empty();
  private boolean bodyTaken;

  OutgoingRequest(Fields headers) {
    this.headers = headers.freeze();
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
    PublisherSink publisher = new PublisherSink();
    sink = Optional.of(publisher);
    body = Optional.of(new OutgoingBody(publisher, true, contentLength(headers)));
    return body;
  }

  /** Where the body's bytes can be read by the HTTP client, if the guest took the body. */
  Optional<PublisherSink> bodyPublisher() {
    return sink;
  }

  /** The {@code content-length} the fields declare, if a valid one. */
  static Optional<Long> contentLength(Fields fields) {
    return fields
        .first("content-length")
        .flatMap(
            v -> {
              try {
                long n = Long.parseLong(v.trim());
                return n >= 0 ? Optional.of(n) : Optional.empty();
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }
}
