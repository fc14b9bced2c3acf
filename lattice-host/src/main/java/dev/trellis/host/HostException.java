package dev.trellis.host;

/**
 * Root of every failure raised by the host module: components that do not decode or link, guests
 * that trap, workloads that cannot start. Unchecked; messages name the component, workload or
 * function involved.
 */
public class HostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HostException(String message) {
    super(message);
  }

  public HostException(String message, Throwable cause) {
    super(message, cause);
  }
}
