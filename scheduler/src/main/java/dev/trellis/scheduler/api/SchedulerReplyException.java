package dev.trellis.scheduler.api;

import dev.trellis.scheduler.SchedulerException;

/**
 * A scheduler replied with something that is not the reply its operation promises (not JSON, no
 * {@code result}, an unknown result, a manifest that does not validate). Names the subject.
 */
public final class SchedulerReplyException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  public SchedulerReplyException(String message) {
    super(message);
  }
}
