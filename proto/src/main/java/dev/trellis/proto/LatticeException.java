package dev.trellis.proto;

/**
 * Root of every failure raised by the lattice wire module: messages that do not decode, NATS that
 * cannot be reached or started. Unchecked; each message names the subject, server or file involved.
 */
public class LatticeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LatticeException(String message) {
    super(message);
  }

  public LatticeException(String message, Throwable cause) {
    super(message, cause);
  }
}
