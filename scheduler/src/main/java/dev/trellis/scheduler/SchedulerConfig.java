package dev.trellis.scheduler;

import dev.trellis.nats.StorageReplicas;
import dev.trellis.proto.Subjects;
import dev.trellis.scheduler.reconcile.ReconcilerConfig;
import java.util.Objects;
import java.util.UUID;

/**
 * How one scheduler replica runs: the lattice it schedules, its own id (the source of its events,
 * the holder named in its leases), the reconciler's timings and how many JetStream replicas the
 * streams and buckets it creates keep. Built once in {@code main} from flags and {@code TRELLIS_*}
 * variables.
 *
 * @param lattice the lattice, a subject token (e.g. {@code default})
 * @param schedulerId this replica's id, a subject token
 * @param reconciler the reconciler's timings
 * @param storageReplicas copies of the manifest, placement and lease buckets and of the status
 *     stream, when this replica creates them ({@value StorageReplicas#MIN}..{@value
 *     StorageReplicas#MAX}; 3 on a 3-node NATS cluster)
 */
public record SchedulerConfig(
    String lattice, String schedulerId, ReconcilerConfig reconciler, int storageReplicas) {
  public SchedulerConfig {
    Subjects.token("lattice", lattice);
    Subjects.token("scheduler id", schedulerId);
    Objects.requireNonNull(reconciler, "reconciler");
    StorageReplicas.check("storage replicas", storageReplicas);
  }

  /** A replica whose streams and buckets, when it creates them, keep one copy. */
  public SchedulerConfig(String lattice, String schedulerId, ReconcilerConfig reconciler) {
    this(lattice, schedulerId, reconciler, StorageReplicas.DEFAULT);
  }

  /** A replica of {@code lattice} with a generated id and default timings. */
  public static SchedulerConfig of(String lattice) {
    return new SchedulerConfig(lattice, newId(), ReconcilerConfig.defaults());
  }

  /** A fresh replica id, {@code sched-} and twelve hex digits. */
  public static String newId() {
    return "sched-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** This configuration with other reconciler timings. */
  public SchedulerConfig withReconciler(ReconcilerConfig timings) {
    return new SchedulerConfig(lattice, schedulerId, timings, storageReplicas);
  }

  /** This configuration creating streams and buckets with {@code replicas} copies. */
  public SchedulerConfig withStorageReplicas(int replicas) {
    return new SchedulerConfig(lattice, schedulerId, reconciler, replicas);
  }
}
