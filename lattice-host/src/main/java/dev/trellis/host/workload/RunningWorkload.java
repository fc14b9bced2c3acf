package dev.trellis.host.workload;

import dev.trellis.host.HostException;
import dev.trellis.wrpc.wit.WitValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workload that receives invocations: through its plugins (messages, HTTP requests) and, for
 * embedders and tests, through {@link #invoke}. {@link #stop} refuses new invocations, drains those
 * in progress up to a deadline, stops the service and gives everything back.
 */
public final class RunningWorkload implements WorkloadStage {
  private static final Logger LOG = LoggerFactory.getLogger(RunningWorkload.class);

  private final WorkloadSpec spec;
  private final Map<String, ComponentRuntime> runtimes;
  private final Optional<ServiceRunner> service;
  private final Teardown teardown;
  private final InFlight inFlight;
  private final Runnable stopDeliveries;
  private final AtomicBoolean stopped = new AtomicBoolean();

  RunningWorkload(
      WorkloadSpec spec,
      Map<String, ComponentRuntime> runtimes,
      Optional<ServiceRunner> service,
      Teardown teardown,
      InFlight inFlight,
      Runnable stopDeliveries) {
    this.spec = spec;
    this.runtimes = Map.copyOf(runtimes);
    this.service = service;
    this.teardown = teardown;
    this.inFlight = inFlight;
    this.stopDeliveries = stopDeliveries;
  }

  @Override
  public WorkloadSpec spec() {
    return spec;
  }

  /**
   * Calls {@code function} of component {@code component} as any invocation is served (pooled or
   * fresh instance, counted for draining).
   *
   * @throws HostException if there is no such component or export, the workload is stopping, or the
   *     guest traps
   */
  public Optional<WitValue> invoke(String component, String function, List<WitValue> args) {
    ComponentRuntime runtime = runtimes.get(component);
    if (runtime == null) {
      throw new HostException(
          "workload '"
              + spec.id()
              + "' has no invocable component '"
              + component
              + "'; it has "
              + new TreeMap<>(runtimes).keySet());
    }
    return runtime.invoke(function, args);
  }

  /** How each invocable component has been used so far, by name. */
  public Map<String, ComponentStats> stats() {
    Map<String, ComponentStats> out = new TreeMap<>();
    runtimes.forEach(
        (name, r) -> out.put(name, new ComponentStats(r.invocations(), r.retired(), r.pooled())));
    return out;
  }

  /** Invocations in progress. */
  public int inFlight() {
    return inFlight.count();
  }

  /** Whether the workload has components besides its service. */
  public boolean hasComponents() {
    return !runtimes.isEmpty();
  }

  /** The names of the components, the service last. */
  public List<String> componentNames() {
    List<String> names = new ArrayList<>(new TreeMap<>(runtimes).keySet());
    service.ifPresent(s -> names.add(s.name()));
    return List.copyOf(names);
  }

  /** The number of components, the service included. */
  public int componentCount() {
    return runtimes.size() + (service.isPresent() ? 1 : 0);
  }

  /**
   * Stops the workload: its plugins stop delivering (routes and subscriptions are left, so new
   * requests go to other instances), no new invocations are taken, those running get up to {@code
   * drain} to finish, the service is interrupted, then every binding and resource is given back.
   * Idempotent.
   *
   * @return the invocations still running when the deadline passed (0 when drained)
   */
  public int stop(Duration drain) {
    if (!stopped.compareAndSet(false, true)) {
      return 0;
    }
    long started = System.nanoTime();
    stopDeliveries.run();
    int left = inFlight.closeAndAwait(drain);
    Duration remaining = drain.minusNanos(System.nanoTime() - started);
    service.ifPresent(s -> s.stop(remaining.isNegative() ? Duration.ZERO : remaining));
    teardown.run();
    if (left > 0) {
      LOG.warn(
          "workload_drain_timeout workload_id={} abandoned_invocations={} deadline_ms={}",
          spec.id(),
          left,
          drain.toMillis());
    }
    return left;
  }

  /**
   * Gives everything back at once, without draining: the service ended for good. Must not be called
   * on the service's own thread.
   */
  void release() {
    if (stopped.compareAndSet(false, true)) {
      stopDeliveries.run();
      inFlight.closeAndAwait(Duration.ZERO);
      service.ifPresent(s -> s.stop(Duration.ZERO));
      teardown.run();
    }
  }
}
