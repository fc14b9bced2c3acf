package dev.trellis.wrpc;

/**
 * Root of every failure raised by the wRPC transport module: WIT model misuse, value text that does
 * not parse, frames that do not decode, calls that cannot be delivered. Unchecked, so callers
 * handle it where they can act on it.
 */
public class WrpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WrpcException(String message) {
    super(message);
  }

  public WrpcException(String message, Throwable cause) {
    super(message, cause);
  }
}
