package dev.trellis.scheduler.store;

import dev.trellis.scheduler.SchedulerException;

/**
 * The manifest or status storage could not be read or written: JetStream unreachable, a bucket
 * missing, or a stored entry that no longer decodes. The message names the bucket, key or subject.
 */
public class StoreException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
