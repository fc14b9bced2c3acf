package dev.trellis.host.workload;

import dev.trellis.wrpc.Telemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The meters and spans of one component of a running workload, tagged {@code workload}, {@code
 * component} (and {@code function}): {@code trellis.component.invocations} (a timer with a latency
 * histogram, by outcome {@code ok}, {@code error}, {@code trap}), {@code trellis.component.traps},
 * and gauges of its pooled and busy instances. Meters are made once per function and outcome and
 * removed when the workload stops, so a stopped workload leaves no series behind.
 */
final class ComponentMeters {
  static final String INVOCATIONS = "trellis.component.invocations";
  static final String TRAPS = "trellis.component.traps";

  private final MeterRegistry registry;
  private final Tags tags;
  private final boolean tracing;
  private final Tracer tracer;
  private final String workloadId;
  private final String component;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, Counter> traps = new ConcurrentHashMap<>();
  private final List<Meter> registered = new CopyOnWriteArrayList<>();

  ComponentMeters(Telemetry telemetry, String workloadId, String component) {
    this.registry = telemetry.meters();
    this.tags = Tags.of("workload", workloadId, "component", component);
    this.tracing = telemetry.tracing();
    this.tracer = telemetry.tracer();
    this.workloadId = workloadId;
    this.component = component;
  }

  /** Registers a gauge of {@code value(state)}. */
  <T> void gauge(String name, String description, T state, ToDoubleFunction<T> value) {
    registered.add(
        Gauge.builder(name, state, value).description(description).tags(tags).register(registry));
  }

  /** Registers a monotonic counter read from {@code count}. */
  void counter(String name, String description, Supplier<Number> count) {
    registered.add(
        FunctionCounter.builder(name, count, c -> c.get().doubleValue())
            .description(description)
            .tags(tags)
            .register(registry));
  }

  boolean tracing() {
    return tracing;
  }

  /** A span for one invocation of {@code function}, child of the current one. */
  Span span(String function) {
    return tracer
        .spanBuilder(component + " " + function)
        .setAttribute("trellis.workload.id", workloadId)
        .setAttribute("trellis.component", component)
        .setAttribute("trellis.function", function)
        .startSpan();
  }

  /** Records one invocation of {@code function} that ended with {@code outcome}. */
  void invoked(String function, String outcome, long nanos) {
    timers
        .computeIfAbsent(function + '\n' + outcome, k -> timer(function, outcome))
        .record(nanos, TimeUnit.NANOSECONDS);
    if (outcome.equals("trap")) {
      traps.computeIfAbsent(function, this::trapCounter).increment();
    }
  }

  private Timer timer(String function, String outcome) {
    Timer timer =
        Timer.builder(INVOCATIONS)
            .description("component invocations, by workload, component, function and outcome")
            .tags(tags)
            .tags("function", function, "outcome", outcome)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(10_000))
            .maximumExpectedValue(Duration.ofSeconds(60))
            .register(registry);
    registered.add(timer);
    return timer;
  }

  private Counter trapCounter(String function) {
    Counter counter =
        Counter.builder(TRAPS)
            .description("invocations whose instance trapped (and was discarded)")
            .tags(tags)
            .tag("function", function)
            .register(registry);
    registered.add(counter);
    return counter;
  }

  /** Removes every meter of this component from the registry. */
  void close() {
    for (Meter meter : registered) {
      registry.remove(meter);
    }
    registered.clear();
    timers.clear();
    traps.clear();
  }
}
