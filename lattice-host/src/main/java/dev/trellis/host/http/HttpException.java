package dev.trellis.host.http;

import dev.trellis.host.HostException;

/**
 * A failure of the HTTP plugin: a server that cannot bind, a route that is already taken, a
 * malformed allowed-host pattern. Failures a guest should handle are WIT error values instead.
 */
public class HttpException extends HostException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public HttpException(String message) {
    super(message);
  }

  /** An exception with {@code message} caused by {@code cause}. */
  public HttpException(String message, Throwable cause) {
    super(message, cause);
  }
}
