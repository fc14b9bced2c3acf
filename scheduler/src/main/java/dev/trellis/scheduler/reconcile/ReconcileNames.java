package dev.trellis.scheduler.reconcile;

import dev.trellis.proto.Subjects;

/**
 * The buckets and subjects the reconciler adds to the lattice, named in one place. (They belong
 * with {@link Subjects} once the reconciler's protocol settles; only schedulers use them.)
 */
public final class ReconcileNames {
  /**
   * KV bucket of placements: key {@code {lattice}.{app}}, value every workload the scheduler
   * started (or is stopping) for that application, written before each command is sent.
   */
  public static final String PLACEMENT_BUCKET = "trellis_placements";

  /** KV bucket of reconcile leases: key {@code {lattice}.{app}}, value the holding replica. */
  public static final String LEASE_BUCKET = "trellis_leases";

  private ReconcileNames() {}

  /** The key of an application's placements or lease. */
  public static String appKey(String lattice, String app) {
    return Subjects.token("lattice", lattice) + "." + Subjects.token("application name", app);
  }

  /** The filter matching every application key of {@code lattice}. */
  public static String allApps(String lattice) {
    return Subjects.token("lattice", lattice) + ".*";
  }

  /** {@code trellis.scheduler.{lattice}.trigger}: app names every replica reconciles at once. */
  public static String triggers(String lattice) {
    return "trellis.scheduler." + Subjects.token("lattice", lattice) + ".trigger";
  }

  /** {@code trellis.scheduler.{lattice}.replica.{id}}: where a replica answers liveness pings. */
  public static String replicaPing(String lattice, String replicaId) {
    return "trellis.scheduler."
        + Subjects.token("lattice", lattice)
        + ".replica."
        + Subjects.token("scheduler id", replicaId);
  }
}
