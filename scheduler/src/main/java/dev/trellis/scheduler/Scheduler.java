package dev.trellis.scheduler;

import dev.trellis.scheduler.api.SchedulerApiConfig;
import dev.trellis.scheduler.api.SchedulerApiServer;
import dev.trellis.scheduler.api.SchedulerEvents;
import dev.trellis.scheduler.api.StatusStore;
import dev.trellis.scheduler.manifest.Manifests;
import dev.trellis.scheduler.manifest.UlidGenerator;
import dev.trellis.scheduler.reconcile.Reconciler;
import dev.trellis.scheduler.store.ManifestStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.nats.client.Connection;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduler replica, wired: the reconciler (placements, leases, host monitor) and the wadm
 * scheduler API in the queue group, whose deploys and undeploys trigger the reconciler at once.
 * Several replicas may run against one lattice; each app is reconciled by one of them at a time.
 * {@link #close()} stops the API first, then hands the replica's leases over.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  private final SchedulerConfig config;
  private final Reconciler reconciler;
  private final SchedulerApiServer api;

  private Scheduler(SchedulerConfig config, Reconciler reconciler, SchedulerApiServer api) {
    this.config = config;
    this.reconciler = reconciler;
    this.api = api;
  }

  /** Starts a replica with the system clock and random workload ids. */
  public static Scheduler start(Connection connection, SchedulerConfig config) {
    return start(connection, config, Clock.systemUTC(), System::nanoTime, Scheduler::workloadId);
  }

  /** Starts a replica recording its meters to {@code meters} (e.g. a Prometheus registry). */
  public static Scheduler start(
      Connection connection, SchedulerConfig config, MeterRegistry meters) {
    return start(
        connection, config, Clock.systemUTC(), System::nanoTime, Scheduler::workloadId, meters);
  }

  /** Starts a replica with an injected clock, monotonic clock and workload id generator. */
  public static Scheduler start(
      Connection connection,
      SchedulerConfig config,
      Clock clock,
      java.util.function.LongSupplier nanoTime,
      Supplier<String> workloadIds) {
    return start(connection, config, clock, nanoTime, workloadIds, Metrics.globalRegistry);
  }

  /** Starts a replica with every dependency injected. */
  public static Scheduler start(
      Connection connection,
      SchedulerConfig config,
      Clock clock,
      java.util.function.LongSupplier nanoTime,
      Supplier<String> workloadIds,
      MeterRegistry meters) {
    ManifestStore manifests =
        ManifestStore.open(connection, config.lattice(), config.storageReplicas());
    StatusStore statuses = StatusStore.open(connection, config.lattice(), config.storageReplicas());
    Reconciler reconciler =
        Reconciler.start(
            new Reconciler.Setup(
                connection,
                config.lattice(),
                config.schedulerId(),
                manifests,
                statuses,
                clock,
                nanoTime,
                workloadIds,
                config.reconciler(),
                meters,
                config.storageReplicas()));
    SchedulerApiServer api;
    try {
      api =
          SchedulerApiServer.start(
              connection,
              new SchedulerApiConfig(config.lattice(), config.schedulerId()),
              new SchedulerApiServer.Backend(
                  manifests,
                  statuses,
                  reconciler,
                  new SchedulerEvents(
                      connection,
                      config.lattice(),
                      config.schedulerId(),
                      clock,
                      () -> UUID.randomUUID().toString()),
                  Manifests.parser(UlidGenerator.system())));
    } catch (RuntimeException e) {
      reconciler.close();
      throw e;
    }
    LOG.info(
        "scheduler_started lattice={} scheduler_id={} storage_replicas={}",
        config.lattice(),
        config.schedulerId(),
        config.storageReplicas());
    return new Scheduler(config, reconciler, api);
  }

  /** A fresh workload id: {@code w} and twenty hex digits. */
  public static String workloadId() {
    return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  /** This replica's configuration. */
  public SchedulerConfig config() {
    return config;
  }

  /** This replica's reconciler. */
  public Reconciler reconciler() {
    return reconciler;
  }

  /** Stops the API, then the reconciler; each part closes even when the connection is gone. */
  @Override
  public void close() {
    try {
      api.close();
    } catch (IllegalStateException e) {
      LOG.warn(
          "scheduler_api_close_failed scheduler_id={} error={}",
          config.schedulerId(),
          e.getMessage());
    } finally {
      reconciler.close();
    }
    LOG.info("scheduler_stopped scheduler_id={}", config.schedulerId());
  }
}
