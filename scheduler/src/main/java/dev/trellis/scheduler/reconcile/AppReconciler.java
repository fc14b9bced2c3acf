package dev.trellis.scheduler.reconcile;

import dev.trellis.scheduler.api.AppStatus;
import dev.trellis.scheduler.api.ScalerStatus;
import dev.trellis.scheduler.api.StatusType;
import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.manifest.ComponentSource;
import dev.trellis.scheduler.store.ConfigStore;
import dev.trellis.scheduler.store.ManifestStore;
import dev.trellis.scheduler.store.StoredManifest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One level-based reconcile pass of one application: read the desired state (the deployed manifest
 * and the named configs it references) and the owned state (placements), observe the hosts, let the
 * scalers compute, gate starts by backoff, record the intents (compare-and-swap), send the
 * commands, record the outcomes, report the status. Idempotent: a pass over a converged app sends
 * nothing.
 */
final class AppReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(AppReconciler.class);
  private static final Duration FOLLOW_UP = Duration.ofMillis(20);

  /**
   * What a pass works with.
   *
   * @param replicaId this replica
   * @param manifests the manifest store
   * @param configs the named configs that manifests reference without properties
   * @param placements the placement store
   * @param liveHosts the live hosts now
   * @param observer asks hosts about placements
   * @param runner sends commands
   * @param late answers that arrived after their pass
   * @param leases who reconciles which app
   * @param expectations classifies placements
   * @param backoff per-scaler backoff
   * @param reporter publishes statuses
   * @param clock the clock
   * @param ids workload id generator
   * @param config timings
   */
  record Context(
      String replicaId,
      ManifestStore manifests,
      ConfigStore configs,
      PlacementStore placements,
      Supplier<Map<String, HostState>> liveHosts,
      Observer observer,
      CommandRunner runner,
      LateOutcomes late,
      LeaseManager leases,
      Expectations expectations,
      Backoff backoff,
      StatusReporter reporter,
      Clock clock,
      Supplier<String> ids,
      ReconcilerConfig config) {}

  private final Context ctx;

  AppReconciler(Context ctx) {
    this.ctx = ctx;
  }

  ReconcileResult reconcile(String app) {
    if (!ctx.leases().tryHold(app)) {
      return ReconcileResult.after(ctx.config().leaseCheckInterval());
    }
    Optional<StoredManifest> stored = ctx.manifests().get(app);
    DesiredApp desired =
        stored
            .flatMap(StoredManifest::deployed)
            .map(a -> WorkloadMapper.map(a, NamedConfigs.read(ctx.configs(), a), sharedIds(a)))
            .orElse(DesiredApp.none(app));
    PlacementStore.Versioned owned = ctx.placements().read(app);
    if (!desired.deployed() && owned.placements().isEmpty()) {
      return finish(app, stored);
    }
    Map<String, HostState> hosts = ctx.liveHosts().get();
    Instant now = ctx.clock().instant();
    var observed = ctx.observer().observe(owned.placements(), hosts.keySet());
    var classified =
        ctx.expectations().classify(owned.placements(), observed, now, ctx.replicaId());
    classified.failures().forEach(p -> recordFailure(app, p));
    LatticeSnapshot snapshot =
        new LatticeSnapshot(List.copyOf(hosts.values()), classified.instances());
    AppPlan plan = AppPlanner.plan(desired, snapshot, ctx.ids());
    Gated gated = gate(app, plan);
    List<Command> commands = withResends(gated.plan().commands(), classified, desired);
    List<Placement> intents =
        Intents.intend(classified.placements(), commands, now, ctx.replicaId());
    long revision = ctx.placements().write(app, intents, owned.revision());
    if (revision < 0) {
      LOG.info("placements_conflict app={} replica={}", app, ctx.replicaId());
      return ReconcileResult.after(ctx.config().pollInterval());
    }
    var outcomes = ctx.runner().run(app, commands);
    List<Placement> settled =
        Intents.settle(intents, outcomes, ctx.clock().instant(), p -> recordFailure(app, p));
    if (!settled.equals(intents) && ctx.placements().write(app, settled, revision) < 0) {
      LOG.warn("placements_outcome_lost app={} replica={}", app, ctx.replicaId());
    }
    report(app, desired, gated.plan(), settled, stored);
    return next(commands, classified.instances(), settled, gated.retryAt(), now);
  }

  private record Gated(AppPlan plan, Optional<Instant> retryAt) {}

  /** Withholds the starts of scalers that are backing off. */
  private Gated gate(String app, AppPlan plan) {
    Optional<Instant> earliest = Optional.empty();
    List<ScalerPlan> scalers = new ArrayList<>();
    for (ScalerPlan scaler : plan.scalers()) {
      Optional<Instant> blocked = ctx.backoff().blockedUntil(app, scaler.key());
      if (blocked.isEmpty()
          || scaler.commands().stream().noneMatch(Command.Start.class::isInstance)) {
        scalers.add(scaler);
        continue;
      }
      List<Command> allowed =
          scaler.commands().stream().filter(c -> c instanceof Command.Stop).toList();
      scalers.add(scaler.with(scaler.status(), allowed));
      earliest = earliest.isEmpty() || blocked.get().isBefore(earliest.get()) ? blocked : earliest;
    }
    return new Gated(plan.withScalers(scalers), earliest);
  }

  /** The plan's commands plus re-sent starts and stops, none for a workload the plan stops. */
  private static List<Command> withResends(
      List<Command> planned, Expectations.Classified classified, DesiredApp desired) {
    List<Command> commands = new ArrayList<>(planned);
    Set<String> stopped = new HashSet<>();
    planned.stream()
        .filter(Command.Stop.class::isInstance)
        .forEach(c -> stopped.add(c.workloadId()));
    for (Placement p : classified.resendStarts()) {
      if (stopped.contains(p.workloadId()) || unresolved(desired, p)) {
        continue;
      }
      Optional<ScalerSpec> spec =
          desired.scalers().stream()
              .filter(s -> p.scalerKey().filter(s.key()::equals).isPresent())
              .filter(s -> s.specHash().equals(p.annotations().get(Ownership.SPEC_HASH)))
              .findFirst();
      commands.add(
          spec.<Command>map(
                  s ->
                      new Command.Start(
                          p.hostId(),
                          p.workloadId(),
                          s.template().toBuilder()
                              .clearAnnotations()
                              .putAllAnnotations(p.annotations())
                              .build()))
              .orElseGet(() -> new Command.Stop(p.hostId(), p.workloadId(), "outdated")));
    }
    for (Placement p : classified.resendStops()) {
      if (!stopped.contains(p.workloadId())) {
        commands.add(new Command.Stop(p.hostId(), p.workloadId(), "stop re-sent"));
      }
    }
    return commands;
  }

  /**
   * The lattice ids of the shared components {@code app} links to, from the deployed versions of
   * their applications (an explicit {@code id} there is what their exports are served under).
   */
  private Map<String, String> sharedIds(Application app) {
    Map<String, String> ids = new HashMap<>();
    for (var component : app.spec().components()) {
      if (component.properties().source() instanceof ComponentSource.Shared shared) {
        ctx.manifests()
            .get(shared.application())
            .flatMap(StoredManifest::deployed)
            .ifPresent(
                owner ->
                    owner
                        .spec()
                        .component(shared.component())
                        .ifPresent(
                            c ->
                                ids.put(
                                    WorkloadMapper.sharedKey(
                                        shared.application(), shared.component()),
                                    owner.componentId(c))));
      }
    }
    return ids;
  }

  /** Whether {@code p} belongs to a scaler that waits for its named configs (it sends nothing). */
  private static boolean unresolved(DesiredApp desired, Placement p) {
    return desired.scalers().stream()
        .anyMatch(
            s -> p.scalerKey().filter(s.key()::equals).isPresent() && s.unresolved().isPresent());
  }

  private void recordFailure(String app, Placement p) {
    String message = StatusParts.failure(Expectations.instance(p, InstanceState.FAILED));
    LOG.warn(
        "workload_failed app={} host_id={} workload_id={} error=\"{}\"",
        app,
        p.hostId(),
        p.workloadId(),
        p.message());
    p.scalerKey().ifPresent(key -> ctx.backoff().failed(app, key, message));
  }

  private void report(
      String app,
      DesiredApp desired,
      AppPlan plan,
      List<Placement> settled,
      Optional<StoredManifest> stored) {
    if (stored.isEmpty()) {
      ctx.reporter().forget(app); // deleted: the API removed its status; publish nothing
      return;
    }
    if (!desired.deployed()) {
      ctx.reporter()
          .report(
              app,
              Optional.empty(),
              AppStatus.of(
                  StatusType.UNDEPLOYED,
                  "Undeploying: " + settled.size() + " workload(s) left to stop"));
      return;
    }
    List<ScalerPlan> decorated =
        plan.scalers().stream()
            .map(s -> s.with(ctx.backoff().decorate(app, s.status()), s.commands()))
            .toList();
    List<ScalerStatus> statuses = plan.withScalers(decorated).statuses();
    AppStatus status =
        statuses.isEmpty()
            ? AppStatus.of(StatusType.DEPLOYED, "Nothing to run: no component has a scaler")
            : AppStatus.of(statuses);
    ctx.reporter().report(app, desired.version(), status);
  }

  private ReconcileResult finish(String app, Optional<StoredManifest> stored) {
    stored.ifPresent(
        s ->
            ctx.reporter()
                .report(
                    app,
                    Optional.empty(),
                    AppStatus.of(
                        StatusType.UNDEPLOYED,
                        "Manifest has been undeployed; every workload it started is stopped")));
    if (stored.isEmpty()) {
      ctx.reporter().forget(app);
    }
    ctx.backoff().forget(app);
    ctx.leases().release(app);
    return ReconcileResult.done();
  }

  private ReconcileResult next(
      List<Command> commands,
      List<Instance> instances,
      List<Placement> settled,
      Optional<Instant> retryAt,
      Instant now) {
    ReconcileResult next = ReconcileResult.done();
    if (!commands.isEmpty()) {
      next = ReconcileResult.after(FOLLOW_UP);
    } else if (!Intents.unsettled(settled).isEmpty()
        || instances.stream().anyMatch(i -> i.state() == InstanceState.STARTING)) {
      next = ReconcileResult.after(ctx.config().pollInterval());
    }
    if (retryAt.isPresent()) {
      next = next.sooner(ReconcileResult.after(Duration.between(now, retryAt.get())));
    }
    return next;
  }
}
