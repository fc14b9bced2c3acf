package dev.trellis.scheduler;

/**
 * Root of every failure raised by the scheduler module: lattice state that cannot be read,
 * manifests that do not validate, commands that cannot be delivered. Unchecked; messages name the
 * app, host or subject involved.
 */
public class SchedulerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchedulerException(String message) {
    super(message);
  }

  public SchedulerException(String message, Throwable cause) {
    super(message, cause);
  }
}
