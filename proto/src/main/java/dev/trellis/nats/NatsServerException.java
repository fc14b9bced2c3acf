package dev.trellis.nats;

import dev.trellis.proto.LatticeException;

/**
 * A {@code nats-server} child process that cannot be found, installed, started or stopped. The
 * message says what to do about it (install command, port in use, the tail of the server's log).
 */
public final class NatsServerException extends LatticeException {
  private static final long serialVersionUID = 1L;

  public NatsServerException(String message) {
    super(message);
  }

  public NatsServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
