package dev.trellis.scheduler.reconcile;

import dev.trellis.nats.StorageReplicas;
import dev.trellis.proto.Subjects;
import dev.trellis.scheduler.api.DeploymentListener;
import dev.trellis.scheduler.api.StatusSink;
import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.store.ConfigStore;
import dev.trellis.scheduler.store.ManifestStore;
import dev.trellis.scheduler.store.StoredManifest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler of one scheduler replica: a work queue of application names, reconciled one pass
 * at a time per app (later triggers merge), by whichever replica holds the app's lease. Triggers:
 * deploys and undeploys (as the API's {@link DeploymentListener}, broadcast to every replica on
 * {@code trellis.scheduler.{lattice}.trigger} since the replica that served the request may not
 * hold the app's lease), changes in the set of live hosts ({@link HostMonitor}), a pass's own
 * requeue (instances starting, backoff), changes of a named config in {@code CONFIGDATA_{lattice}}
 * (every deployed app referencing that name, as each replica watches the bucket), and a periodic
 * resync of every app that is deployed or still owns workloads.
 */
public final class Reconciler implements DeploymentListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final ManifestStore manifests;
  private ConfigStore.Watch configWatch = () -> {};
  private final PlacementStore placements;
  private final LeaseManager leases;
  private final HostMonitor monitor;
  private final WorkQueue queue;
  private final ExecutorService pool;
  private final ScheduledExecutorService resync;
  private final String replicaId;
  private final Connection connection;
  private final String triggerSubject;
  private final Dispatcher triggers;
  private final MeterRegistry meters;
  private Optional<Gauge> liveHosts = Optional.empty();

  /**
   * Everything a reconciler needs from outside.
   *
   * @param connection the NATS connection (Host API, KV buckets, heartbeats)
   * @param lattice the lattice reconciled
   * @param replicaId this replica's id (a subject token)
   * @param manifests the lattice's manifests
   * @param statuses where statuses go
   * @param clock the clock
   * @param nanoTime a monotonic clock, for lease staleness
   * @param workloadIds generator of workload ids
   * @param config timings
   * @param meters where the reconciler's meters go
   * @param storageReplicas copies of the placement and lease buckets when they are created
   */
  public record Setup(
      Connection connection,
      String lattice,
      String replicaId,
      ManifestStore manifests,
      StatusSink statuses,
      Clock clock,
      java.util.function.LongSupplier nanoTime,
      Supplier<String> workloadIds,
      ReconcilerConfig config,
      MeterRegistry meters,
      int storageReplicas) {
    public Setup {
      StorageReplicas.check("storage replicas", storageReplicas);
      Objects.requireNonNull(connection, "connection");
      dev.trellis.proto.Subjects.token("lattice", lattice);
      dev.trellis.proto.Subjects.token("scheduler id", replicaId);
      Objects.requireNonNull(manifests, "manifests");
      Objects.requireNonNull(statuses, "statuses");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(nanoTime, "nanoTime");
      Objects.requireNonNull(workloadIds, "workloadIds");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(meters, "meters");
    }
  }

  private Reconciler(
      Setup setup,
      PlacementStore placements,
      LeaseManager leases,
      HostMonitor monitor,
      WorkQueue queue,
      ExecutorService pool) {
    this.manifests = setup.manifests();
    this.placements = placements;
    this.leases = leases;
    this.monitor = monitor;
    this.queue = queue;
    this.pool = pool;
    this.replicaId = setup.replicaId();
    this.resync =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("reconcile-resync-" + replicaId).factory());
    this.connection = setup.connection();
    this.meters = setup.meters();
    this.triggerSubject = ReconcileNames.triggers(setup.lattice());
    this.triggers =
        connection.createDispatcher(
            m -> {
              String app = new String(m.getData(), StandardCharsets.UTF_8);
              if (Subjects.isToken(app)) {
                queue.trigger(app);
              }
            });
  }

  /** Starts reconciling: opens the buckets, starts the host monitor, and resyncs every app. */
  public static Reconciler start(Setup setup) {
    ReconcilerConfig config = setup.config();
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    HostApiClient hosts =
        new HostApiClient(setup.connection(), setup.lattice(), config.requestTimeout());
    PlacementStore placements =
        PlacementStore.open(setup.connection(), setup.lattice(), setup.storageReplicas());
    ConfigStore configs =
        ConfigStore.open(setup.connection(), setup.lattice(), setup.storageReplicas());
    LeaseManager leases =
        LeaseManager.start(
            setup.connection(),
            setup.lattice(),
            setup.replicaId(),
            config.leaseTtl(),
            setup.nanoTime(),
            setup.storageReplicas());
    // The monitor and late answers trigger passes, and the queue runs passes: tie the knot.
    AtomicReference<Reconciler> self = new AtomicReference<>();
    HostMonitor monitor =
        HostMonitor.start(
            setup.connection(),
            hosts,
            setup.clock(),
            config.monitorSettings(),
            () -> Optional.ofNullable(self.get()).ifPresent(Reconciler::resyncAll));
    LateOutcomes late =
        new LateOutcomes(app -> Optional.ofNullable(self.get()).ifPresent(r -> r.trigger(app)));
    AppReconciler.Context context =
        new AppReconciler.Context(
            setup.replicaId(),
            setup.manifests(),
            configs,
            placements,
            monitor::liveHosts,
            new Observer(hosts, pool, config.answerWait()),
            new CommandRunner(hosts, pool, config.answerWait(), late::add, setup.meters()),
            late,
            leases,
            new Expectations(config.expectTimeout(), config.startTimeout(), config.forgetAfter()),
            new Backoff(setup.clock(), config.backoffBase(), config.backoffMax()),
            new StatusReporter(setup.statuses()),
            setup.clock(),
            setup.workloadIds(),
            config);
    AppReconciler passes = new AppReconciler(context);
    WorkQueue queue =
        new WorkQueue(passes::reconcile, config.pollInterval().multipliedBy(4), setup.meters());
    Reconciler reconciler = new Reconciler(setup, placements, leases, monitor, queue, pool);
    self.set(reconciler);
    reconciler.liveHosts =
        Optional.of(
            Gauge.builder("trellis.scheduler.hosts.live", monitor, m -> m.liveHosts().size())
                .description("hosts this replica sees alive")
                .register(setup.meters()));
    reconciler.triggers.subscribe(reconciler.triggerSubject);
    reconciler.configWatch = configs.watch(reconciler::configChanged);
    long period = config.resyncInterval().toMillis();
    reconciler.resync.scheduleWithFixedDelay(
        reconciler::resyncAll, 0, period, TimeUnit.MILLISECONDS);
    LOG.info("reconciler_started lattice={} replica={}", setup.lattice(), setup.replicaId());
    return reconciler;
  }

  /** Reconciles the app now, on every replica (the lease holder is the one that acts). */
  @Override
  public void deployed(Application application) {
    broadcast(application.name());
  }

  /** Reconciles the app now, on every replica (the lease holder is the one that acts). */
  @Override
  public void undeployed(String app) {
    broadcast(app);
  }

  private void broadcast(String app) {
    queue.trigger(app);
    try {
      connection.publish(triggerSubject, app.getBytes(StandardCharsets.UTF_8));
    } catch (IllegalStateException e) {
      LOG.warn("reconcile_trigger_not_broadcast app={} error={}", app, e.getMessage());
    }
  }

  /** Reconciles {@code app} now (or right after its pass in flight). */
  public void trigger(String app) {
    queue.trigger(app);
  }

  /**
   * Reconciles every deployed app that references the named config {@code name} (just written or
   * deleted). Called on the NATS dispatcher thread, so the manifest listing runs on the pool.
   */
  private void configChanged(String name) {
    try {
      pool.execute(
          () -> {
            try {
              for (StoredManifest stored : manifests.list()) {
                stored
                    .deployed()
                    .filter(app -> NamedConfigs.referenced(app).contains(name))
                    .ifPresent(app -> queue.trigger(app.name()));
              }
            } catch (RuntimeException e) {
              LOG.warn(
                  "config_change_not_applied replica={} config={} error={}",
                  replicaId,
                  name,
                  e.getMessage());
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("config_change_after_close replica={} config={}", replicaId, name);
    }
  }

  /** The live hosts as this replica sees them. */
  public Map<String, HostState> liveHosts() {
    return monitor.liveHosts();
  }

  /** The apps whose leases this replica holds. */
  public Set<String> leasedApps() {
    return leases.held();
  }

  /** Triggers every app that is deployed, owns workloads, or whose lease this replica holds. */
  public void resyncAll() {
    Set<String> apps = new TreeSet<>(leases.held());
    try {
      manifests.list().stream()
          .filter(m -> m.deployedVersion().isPresent())
          .map(StoredManifest::name)
          .forEach(apps::add);
      apps.addAll(placements.apps());
    } catch (RuntimeException e) {
      LOG.warn("resync_listing_failed replica={} error={}", replicaId, e.getMessage());
    }
    apps.forEach(queue::trigger);
  }

  /** Stops reconciling and releases this replica's leases so another takes over at once. */
  @Override
  public void close() {
    liveHosts.ifPresent(meters::remove);
    resync.shutdownNow();
    try {
      configWatch.close();
    } catch (IllegalStateException e) {
      LOG.debug("config_watch_already_closed error={}", e.getMessage());
    }
    try {
      connection.closeDispatcher(triggers);
    } catch (IllegalStateException e) {
      LOG.debug("reconcile_triggers_already_closed error={}", e.getMessage());
    }
    monitor.close();
    queue.close();
    leases.close();
    pool.shutdownNow();
    LOG.info("reconciler_stopped replica={}", replicaId);
  }
}
