package dev.trellis.host.workload;

import dev.trellis.host.engine.ComponentInstance;
import dev.trellis.host.plugin.ComponentBinding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workload with everything acquired — images loaded, plugins bound, instances made — that does
 * not yet receive invocations. {@link #start} makes it a {@link RunningWorkload}; {@link #abandon}
 * gives everything back.
 */
public final class ResolvedWorkload implements WorkloadStage {
  private static final Logger LOG = LoggerFactory.getLogger(ResolvedWorkload.class);

  /**
   * One plugin binding of one component; {@code stop} calls the binding's {@code stop} at most
   * once, whether deliveries end ahead of a drain or at teardown.
   */
  record Bound(String plugin, String component, ComponentBinding binding, Runnable stop) {
    Bound {
      Objects.requireNonNull(plugin, "plugin");
      Objects.requireNonNull(component, "component");
      Objects.requireNonNull(binding, "binding");
      Objects.requireNonNull(stop, "stop");
    }

    /** {@code action}, run on the first call only. */
    static Runnable once(Runnable action) {
      AtomicBoolean done = new AtomicBoolean();
      return () -> {
        if (done.compareAndSet(false, true)) {
          action.run();
        }
      };
    }
  }

  /** The service and the instance that proved it starts. */
  record Service(ServiceRunner runner, ComponentInstance first) {}

  private final WorkloadSpec spec;
  private final Map<String, ComponentRuntime> runtimes;
  private final Optional<Service> service;
  private final List<Bound> bound;
  private final Teardown teardown;
  private final InFlight inFlight;

  ResolvedWorkload(
      WorkloadSpec spec,
      Map<String, ComponentRuntime> runtimes,
      Optional<Service> service,
      List<Bound> bound,
      Teardown teardown,
      InFlight inFlight) {
    this.spec = spec;
    this.runtimes = Map.copyOf(runtimes);
    this.service = service;
    this.bound = List.copyOf(bound);
    this.teardown = teardown;
    this.inFlight = inFlight;
  }

  @Override
  public WorkloadSpec spec() {
    return spec;
  }

  /**
   * Starts delivering invocations (every binding's {@code start}) and the service.
   *
   * @param serviceEnd told when the service completes or fails for good
   * @throws WorkloadException if a binding cannot start; everything is given back first
   */
  public RunningWorkload start(ServiceRunner.Listener serviceEnd) {
    for (Bound b : bound) {
      try {
        b.binding().start();
      } catch (RuntimeException e) {
        abandon();
        throw new WorkloadException(
            "plugin '"
                + b.plugin()
                + "' failed to start for component '"
                + b.component()
                + "': "
                + e.getMessage(),
            e);
      }
    }
    service.ifPresent(s -> s.runner().start(s.first(), serviceEnd));
    return new RunningWorkload(
        spec, runtimes, service.map(Service::runner), teardown, inFlight, this::stopDeliveries);
  }

  /**
   * Ends every binding's deliveries (routes, subscriptions), newest first, so that nothing new
   * reaches the workload while it drains; a binding that fails to stop is logged and the others
   * still stop. The teardown later calls none of them again.
   */
  void stopDeliveries() {
    for (Bound b : bound.reversed()) {
      try {
        b.stop().run();
      } catch (RuntimeException e) {
        LOG.warn(
            "binding_stop_failed workload_id={} plugin={} component={} error={}",
            spec.id(),
            b.plugin(),
            b.component(),
            e.toString());
      }
    }
  }

  /** Gives back everything resolution acquired. */
  public void abandon() {
    stopDeliveries();
    inFlight.closeAndAwait(Duration.ZERO);
    teardown.run();
  }
}
