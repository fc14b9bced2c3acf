package dev.trellis.scheduler.api;

/**
 * Where the reconciler reports application statuses. One method, so the reconciler depends on
 * nothing but this; {@link StatusStore} stores and publishes what it is given.
 */
@FunctionalInterface
public interface StatusSink {
  /** Records {@code status} as application {@code app}'s current status. */
  void update(String app, AppStatus status);
}
