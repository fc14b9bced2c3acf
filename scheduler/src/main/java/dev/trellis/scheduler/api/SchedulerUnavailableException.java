package dev.trellis.scheduler.api;

import dev.trellis.scheduler.SchedulerException;

/**
 * No scheduler answered a request: none is running for the lattice ({@link Reason#NO_RESPONDERS}),
 * or one is but did not reply in time ({@link Reason#TIMEOUT}). The message says which, names the
 * lattice and subject, and suggests the fix.
 */
public final class SchedulerUnavailableException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  /** Why no reply came. */
  public enum Reason {
    /** Nobody subscribes to the API subject: no scheduler runs for the lattice. */
    NO_RESPONDERS,
    /** A scheduler listens but did not answer before the deadline. */
    TIMEOUT
  }

  private final Reason reason;

  public SchedulerUnavailableException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Why no reply came. */
  public Reason reason() {
    return reason;
  }
}
