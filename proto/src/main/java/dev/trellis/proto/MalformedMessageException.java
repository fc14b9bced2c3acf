package dev.trellis.proto;

/**
 * A lattice message whose payload is not the proto3 JSON of the message type its subject promises.
 * Raised at the wire boundary so nothing malformed reaches domain code.
 */
public final class MalformedMessageException extends LatticeException {
  private static final long serialVersionUID = 1L;

  public MalformedMessageException(String message) {
    super(message);
  }

  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
