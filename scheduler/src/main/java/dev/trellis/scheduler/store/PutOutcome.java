package dev.trellis.scheduler.store;

/**
 * What {@link ManifestStore#put} did: stored a new version, or refused it. Refusals are outcomes,
 * not exceptions, because the scheduler API answers each with its own message.
 */
public sealed interface PutOutcome {
  /**
   * The version was stored and is now the application's newest.
   *
   * @param name the application
   * @param version the version stored
   * @param totalVersions how many versions the application now has
   */
  record Stored(String name, String version, int totalVersions) implements PutOutcome {
    /** Whether this was the application's first version. */
    public boolean created() {
      return totalVersions == 1;
    }
  }

  /**
   * The application already has this version; versions are immutable.
   *
   * @param name the application
   * @param version the version that exists
   */
  record VersionExists(String name, String version) implements PutOutcome {}

  /**
   * The manifest cannot be stored (a name NATS cannot use as a key, a value over the size limit).
   *
   * @param reason what is wrong, naming the application
   */
  record Rejected(String reason) implements PutOutcome {}
}
