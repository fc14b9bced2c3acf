package dev.trellis.scheduler.store;

/**
 * A compare-and-swap write kept losing to concurrent writers until its retries ran out. Nothing was
 * written; the caller may retry the whole request.
 */
public final class StoreConflictException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreConflictException(String message) {
    super(message);
  }
}
