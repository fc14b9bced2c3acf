package dev.trellis.host.http;

import java.util.Objects;

/**
 * A {@link Fields} operation was refused; {@code wasi:http/types} turns it into the {@code
 * header-error} the guest receives, so it never traps the guest.
 */
public final class HeaderException extends HttpException {
  private static final long serialVersionUID = 1L;

  private final HeaderError error;

  /** An exception for {@code error}, naming the field in {@code detail}. */
  public HeaderException(HeaderError error, String detail) {
    super(error.witName() + ": " + detail);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** Why the operation was refused. */
  public HeaderError error() {
    return error;
  }
}
