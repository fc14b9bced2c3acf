package dev.trellis.host.http;

import java.util.Objects;

/** A body could not be read or written; carries the {@code error-code} the guest gets for it. */
final class BodyException extends HttpException {
  private static final long serialVersionUID = 1L;

  private final transient HttpErrorCode code;

  BodyException(HttpErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  BodyException(HttpErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  HttpErrorCode code() {
    return code;
  }
}
