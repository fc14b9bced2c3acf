package dev.trellis.scheduler.api;

import dev.trellis.scheduler.manifest.Application;

/**
 * Told by the scheduler API when an application is deployed or undeployed, so the reconciler can
 * act at once instead of at its next pass. Called on the replica that served the request, after the
 * store is written; a listener that throws makes the request answer {@code error} (the store keeps
 * the change, and repeating the request notifies again). Both calls may repeat for the same state.
 */
public interface DeploymentListener {
  /** {@code application} (the deployed version's manifest) is now the deployed version. */
  default void deployed(Application application) {}

  /** Application {@code app} is no longer deployed (or was deleted). */
  default void undeployed(String app) {}

  /** A listener that does nothing, for schedulers without a reconciler. */
  static DeploymentListener none() {
    return new DeploymentListener() {};
  }
}
