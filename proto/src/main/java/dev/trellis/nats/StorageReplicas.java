package dev.trellis.nats;

import org.slf4j.Logger;

/**
 * How many copies a JetStream cluster keeps of each stream and KV bucket Trellis creates. One copy
 * lives on one NATS server and is lost with it; three survive losing any one server of a 3-node
 * cluster. Existing streams and buckets are never changed: a different count is only reported,
 * because raising it is a server-side operation with its own cost.
 */
public final class StorageReplicas {
  /** The fewest replicas JetStream keeps. */
  public static final int MIN = 1;

  /** The most replicas JetStream allows. */
  public static final int MAX = 5;

  /** The count for a single NATS server (and {@code trellis up}). */
  public static final int DEFAULT = 1;

  private StorageReplicas() {}

  /**
   * Returns {@code replicas} if JetStream accepts it.
   *
   * @throws IllegalArgumentException naming {@code what} (e.g. the flag) and the range
   */
  public static int check(String what, int replicas) {
    if (replicas < MIN || replicas > MAX) {
      throw new IllegalArgumentException(
          what
              + " must be between "
              + MIN
              + " and "
              + MAX
              + " (JetStream's limit), got "
              + replicas);
    }
    return replicas;
  }

  /**
   * Logs a warning when an existing stream or bucket keeps another number of replicas than wanted;
   * it stays as it is.
   *
   * @param log the logger of the code that found it
   * @param kind {@code bucket} or {@code stream}
   * @param name the bucket's or stream's name
   * @param actual the replicas it has
   * @param wanted the replicas asked for
   */
  public static void warnIfDifferent(Logger log, String kind, String name, int actual, int wanted) {
    if (actual != wanted) {
      log.warn(
          "jetstream_replicas_mismatch kind={} name={} replicas={} wanted_replicas={}"
              + " action=left_unchanged",
          kind,
          name,
          actual,
          wanted);
    }
  }

  /** A hint for a failed create: more replicas than JetStream servers is the usual cause. */
  public static String createHint(int replicas) {
    return replicas > 1
        ? " (with "
            + replicas
            + " replicas, which needs a JetStream cluster of at least "
            + replicas
            + " servers)"
        : "";
  }
}
