package dev.trellis.scheduler.api;

import java.util.List;
import java.util.Optional;

/**
 * What the scheduler API tells the lattice it changed, published as CloudEvents by {@link
 * SchedulerEvents}. Each carries names and versions only, never manifest contents, so config values
 * and secret references stay out of events.
 *
 * <p>Trellis' names mean what they say; wadm's {@code com.wadm.manifest_published} means "deployed"
 * and carries the whole manifest, which is why these live under Trellis' own prefix.
 */
public sealed interface SchedulerEvent {
  /** The application concerned. */
  String name();

  /** The event's name: the last token of its subject and the suffix of its CloudEvent type. */
  String eventName();

  /**
   * A new version was stored ({@code put}).
   *
   * @param name the application
   * @param version the version stored
   */
  record ManifestPublished(String name, String version) implements SchedulerEvent {
    @Override
    public String eventName() {
      return "manifest_published";
    }
  }

  /**
   * Versions were deleted ({@code del}).
   *
   * @param name the application
   * @param versions the versions deleted
   * @param removedApplication whether no version is left
   */
  record ManifestUnpublished(String name, List<String> versions, boolean removedApplication)
      implements SchedulerEvent {
    public ManifestUnpublished {
      versions = List.copyOf(versions);
    }

    @Override
    public String eventName() {
      return "manifest_unpublished";
    }
  }

  /**
   * A version became the deployed one ({@code deploy}).
   *
   * @param name the application
   * @param version the deployed version
   * @param previousVersion the version deployed before, if any
   */
  record AppDeployed(String name, String version, Optional<String> previousVersion)
      implements SchedulerEvent {
    @Override
    public String eventName() {
      return "app_deployed";
    }
  }

  /**
   * The application stopped being deployed ({@code undeploy}, or deleting the deployed version).
   *
   * @param name the application
   * @param version the version that was deployed
   */
  record AppUndeployed(String name, String version) implements SchedulerEvent {
    @Override
    public String eventName() {
      return "app_undeployed";
    }
  }
}
