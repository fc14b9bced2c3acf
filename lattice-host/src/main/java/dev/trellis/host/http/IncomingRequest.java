package dev.trellis.host.http;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Java object behind a {@code wasi:http/types.incoming-request}: what the server received. The
 * headers are immutable; the body can be consumed once.
 */
final class IncomingRequest {
  private final String method;
  private final Optional<String> pathWithQuery;
  private final Optional<String> scheme;
  private final Optional<String> authority;
  private final Supplier<Fields> headerSource;
  private Optional<Fields> headers = Optional.empty();
  private Optional<IncomingBody> body;

  IncomingRequest(
      String method,
      Optional<String> pathWithQuery,
      Optional<String> scheme,
      Optional<String> authority,
      Supplier<Fields> headers,
      IncomingBody body) {
    this.method = Objects.requireNonNull(method, "method");
    this.pathWithQuery = pathWithQuery;
    this.scheme = scheme;
    this.authority = authority;
    this.headerSource = headers;
    this.body = Optional.of(body);
  }

  String method() {
    return method;
  }

  Optional<String> pathWithQuery() {
    return pathWithQuery;
  }

  Optional<String> scheme() {
    return scheme;
  }

  Optional<String> authority() {
    return authority;
  }

  /** The immutable headers, converted from the server's on first use. */
  Fields headers() {
    if (headers.isEmpty()) {
      headers = Optional.of(headerSource.get().freeze());
    }
    return headers.get();
  }

  /** The body the first time, then nothing. */
  Optional<IncomingBody> consume() {
    Optional<IncomingBody> b = body;
    body = Optional.empty();
    return b;
  }
}
