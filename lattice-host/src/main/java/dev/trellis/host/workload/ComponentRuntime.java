package dev.trellis.host.workload;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.ComponentInstance;
import dev.trellis.host.plugin.InstanceLease;
import dev.trellis.wrpc.Telemetry;
import dev.trellis.wrpc.wit.WitValue;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the invocations of one component of a running workload. With {@code pool_size} 0 every
 * invocation gets a fresh instance (memory isolated per invocation); otherwise up to {@code
 * pool_size} warm instances are reused, and one is retired after {@code max_invocations} calls or a
 * trap (a poisoned instance never runs again). {@code max_concurrency} bounds concurrent calls.
 * Every call counts against the workload's {@link InFlight} so a stop can drain it, is recorded in
 * the component's {@link ComponentMeters} and, when tracing, is a span child of the caller's.
 */
final class ComponentRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(ComponentRuntime.class);

  private final String workloadId;
  private final String name;
  private final InstanceFactory factory;
  private final int poolSize;
  private final int maxInvocations;
  private final Optional<Semaphore> concurrency;
  private final InFlight inFlight;
  private final LinkedBlockingDeque<Pooled> pool = new LinkedBlockingDeque<>();
  private final AtomicLong invocations = new AtomicLong();
  private final AtomicLong retired = new AtomicLong();
  private final AtomicInteger busy = new AtomicInteger();
  private final ComponentMeters meters;

  /** The function name of a lease whose body says nothing about what it calls. */
  static final String LEASE = "(lease)";

  /** A warm instance and how often it has been called. */
  private static final class Pooled {
    final ComponentInstance instance;
    int uses;

    Pooled(ComponentInstance instance) {
      this.instance = instance;
    }
  }

  ComponentRuntime(
      String workloadId,
      WorkloadSpec.Component spec,
      InstanceFactory factory,
      InFlight inFlight,
      Telemetry telemetry) {
    this.workloadId = workloadId;
    this.name = spec.name();
    this.factory = factory;
    this.poolSize = spec.poolSize();
    this.maxInvocations = spec.maxInvocations();
    this.concurrency =
        spec.maxConcurrency() > 0
            ? Optional.of(new Semaphore(spec.maxConcurrency(), true))
            : Optional.empty();
    this.inFlight = inFlight;
    this.meters = new ComponentMeters(telemetry, workloadId, name);
    meters.gauge(
        "trellis.component.instances.pooled",
        "warm instances idle in the pool",
        pool,
        LinkedBlockingDeque::size);
    meters.gauge(
        "trellis.component.instances.busy",
        "instances running an invocation now",
        busy,
        AtomicInteger::get);
    meters.counter(
        "trellis.component.instances.retired",
        "warm instances retired (spent or poisoned)",
        retired::get);
  }

  /** Removes this component's meters (the workload stopped). */
  void closeMeters() {
    meters.close();
  }

  /** Fills the pool: {@code first} (the instance that proved the component starts) and more. */
  void warm(ComponentInstance first) {
    if (poolSize == 0) {
      return;
    }
    pool.add(new Pooled(first));
    while (pool.size() < poolSize) {
      pool.add(new Pooled(factory.instantiate()));
    }
  }

  String name() {
    return name;
  }

  /**
   * Calls {@code function} on an instance.
   *
   * @throws HostException if the workload is stopping, there is no such export, or the guest traps
   */
  Optional<WitValue> invoke(String function, List<WitValue> args) {
    return lease(function, lease -> lease.instance().invoke(function, args));
  }

  /**
   * Runs {@code body} with an instance as one invocation: counted, bounded by {@code
   * max_concurrency}, on a pooled or fresh instance that is retired afterwards as configured.
   *
   * @param function what {@code body} calls, for metrics and spans
   * @throws HostException if the workload is stopping (or what {@code body} throws)
   */
  <T> T lease(String function, Function<InstanceLease, T> body) {
    if (!inFlight.enter()) {
      throw new HostException(
          "workload '"
              + workloadId
              + "' is not running; component '"
              + name
              + "' takes no invocations");
    }
    long start = System.nanoTime();
    Span span = meters.tracing() ? meters.span(function) : Span.getInvalid();
    String[] outcome = {"error"};
    try (Scope scope = meters.tracing() ? span.makeCurrent() : Scope.noop()) {
      acquire();
      try {
        return call(body, outcome);
      } finally {
        concurrency.ifPresent(Semaphore::release);
      }
    } finally {
      inFlight.exit();
      meters.invoked(function, outcome[0], System.nanoTime() - start);
      if (meters.tracing()) {
        if (!outcome[0].equals("ok")) {
          span.setStatus(StatusCode.ERROR, outcome[0]);
        }
        span.end();
      }
    }
  }

  /** Runs {@code body} on an instance; leaves ok, trap or error in {@code outcome[0]}. */
  private <T> T call(Function<InstanceLease, T> body, String[] outcome) {
    Pooled pooled = borrow();
    boolean done = false;
    busy.incrementAndGet();
    try {
      T result = body.apply(new InstanceLease(factory.template(), pooled.instance));
      done = true;
      return result;
    } finally {
      busy.decrementAndGet();
      // a trap poisons the instance, also when the body (an HTTP handler) answered it itself
      outcome[0] = pooled.instance.isPoisoned() ? "trap" : done ? "ok" : "error";
      invocations.incrementAndGet();
      pooled.uses++;
      giveBack(pooled, done);
    }
  }

  private Pooled borrow() {
    Pooled warm = pool.pollFirst();
    return warm != null ? warm : new Pooled(factory.instantiate());
  }

  private void giveBack(Pooled pooled, boolean succeeded) {
    boolean spent = maxInvocations > 0 && pooled.uses >= maxInvocations;
    if (poolSize > 0 && !pooled.instance.isPoisoned() && !spent && pool.size() < poolSize) {
      pool.offerFirst(pooled);
      return;
    }
    // Not kept: nothing calls into it again (invocations run on the caller's thread and are over
    // when the body returns), so its memories may serve the next fresh instance.
    pooled.instance.release();
    if (poolSize > 0) {
      retired.incrementAndGet();
      LOG.debug(
          "instance_retired workload_id={} component={} uses={} poisoned={} succeeded={}",
          workloadId,
          name,
          pooled.uses,
          pooled.instance.isPoisoned(),
          succeeded);
    }
  }

  private void acquire() {
    if (concurrency.isEmpty()) {
      return;
    }
    try {
      concurrency.get().acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostException("interrupted waiting for a free slot of component '" + name + "'");
    }
  }

  /** Calls served so far. */
  long invocations() {
    return invocations.get();
  }

  /** Warm instances retired so far (spent or poisoned). */
  long retired() {
    return retired.get();
  }

  /** Warm instances idle in the pool right now. */
  int pooled() {
    return pool.size();
  }
}
