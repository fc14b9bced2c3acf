package dev.trellis.scheduler.store;

import java.util.Optional;

/** What {@link ManifestStore#undeploy} did. */
public sealed interface UndeployOutcome {
  /**
   * The application is (now) not deployed.
   *
   * @param name the application
   * @param previousVersion the version that was deployed, empty if none was
   */
  record Undeployed(String name, Optional<String> previousVersion) implements UndeployOutcome {}

  /**
   * No application of that name.
   *
   * @param name the application asked for
   */
  record ApplicationNotFound(String name) implements UndeployOutcome {}
}
