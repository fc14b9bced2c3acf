package dev.trellis.scheduler.store;

import dev.trellis.scheduler.manifest.Application;
import java.util.Optional;

/** What {@link ManifestStore#deploy} did. */
public sealed interface DeployOutcome {
  /**
   * The version is now the deployed one.
   *
   * @param application the deployed version's manifest
   * @param previousVersion the version deployed before, if any (possibly the same)
   */
  record Deployed(Application application, Optional<String> previousVersion)
      implements DeployOutcome {}

  /**
   * No application of that name.
   *
   * @param name the application asked for
   */
  record ApplicationNotFound(String name) implements DeployOutcome {}

  /**
   * The application exists without that version.
   *
   * @param name the application
   * @param version the missing version
   */
  record VersionNotFound(String name, String version) implements DeployOutcome {}

  /**
   * The version may not be deployed next to what the lattice already runs (a component id used by
   * another application, a shared component that is not deployed).
   *
   * @param name the application
   * @param reason why, in wadm's words
   */
  record Refused(String name, String reason) implements DeployOutcome {}
}
