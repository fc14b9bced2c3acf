package dev.trellis.scheduler.store;

import java.util.List;
import java.util.Optional;

/** What {@link ManifestStore#delete} did. */
public sealed interface DeleteOutcome {
  /**
   * Versions were deleted.
   *
   * @param name the application
   * @param versions the versions deleted, oldest first
   * @param removedApplication whether no version is left (the entry is gone)
   * @param undeployedVersion the deployed version, when this deletion undeployed it
   */
  record Deleted(
      String name,
      List<String> versions,
      boolean removedApplication,
      Optional<String> undeployedVersion)
      implements DeleteOutcome {
    public Deleted {
      versions = List.copyOf(versions);
    }
  }

  /**
   * Nothing to delete: no such application, or no such version.
   *
   * @param name the application
   * @param version the version asked for, if one was
   * @param applicationExists whether the application exists (only the version was missing)
   */
  record NothingToDelete(String name, Optional<String> version, boolean applicationExists)
      implements DeleteOutcome {}
}
