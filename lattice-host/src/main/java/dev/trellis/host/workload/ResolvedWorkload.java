package dev.trellis.host.workload;

import dev.trellis.host.engine.ComponentInstance;
import dev.trellis.host.plugin.ComponentBinding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A workload with everything acquired — images loaded, plugins bound, instances made — that does
 * not yet receive invocations. {@link #start} makes it a {@link RunningWorkload}; {@link #abandon}
 * gives everything back.
 */
public final class ResolvedWorkload implements WorkloadStage {
  /** One plugin binding of one component. */
  record Bound(String plugin, String component, ComponentBinding binding) {
    Bound {
      Objects.requireNonNull(plugin, "plugin");
      Objects.requireNonNull(component, "component");
      Objects.requireNonNull(binding, "binding");
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
    return new RunningWorkload(spec, runtimes, service.map(Service::runner), teardown, inFlight);
  }

  /** Gives back everything resolution acquired. */
  public void abandon() {
    inFlight.closeAndAwait(Duration.ZERO);
    teardown.run();
  }
}
