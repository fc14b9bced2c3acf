package dev.trellis.nats;

import dev.trellis.proto.LatticeException;

/**
 * NATS refused this client's credentials or TLS identity, or the credential files cannot be used.
 * Raised on the first connection instead of retrying, since retrying cannot fix it; the message
 * names the server, the kind of credential (never its value) and the server's reason.
 */
public final class NatsAuthException extends LatticeException {
  private static final long serialVersionUID = 1L;

  public NatsAuthException(String message) {
    super(message);
  }

  public NatsAuthException(String message, Throwable cause) {
    super(message, cause);
  }
}
