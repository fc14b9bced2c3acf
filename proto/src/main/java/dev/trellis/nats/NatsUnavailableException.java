package dev.trellis.nats;

import dev.trellis.proto.LatticeException;

/**
 * NATS could not be reached or refused a request: no server at the URL, a timeout, no responders.
 * The message names the server URL or subject and suggests the likely fix.
 */
public final class NatsUnavailableException extends LatticeException {
  private static final long serialVersionUID = 1L;

  public NatsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
