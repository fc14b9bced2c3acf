package dev.trellis.wrpc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the wRPC transport, the host and its plugins record metrics (a Micrometer registry) and
 * traces (an OpenTelemetry instance). Both are off by default at next to no cost: {@link #global()}
 * is the process-wide Micrometer registry, which records nothing until a registry (Prometheus) is
 * added to it, and the global OpenTelemetry, which is a no-op until the CLI sets an SDK; with a
 * no-op OpenTelemetry {@link #tracing()} is false and instrumented code skips every span.
 *
 * <p>Trace context crosses processes as W3C {@code traceparent}/{@code tracestate}, fixed by the
 * HTTP and wRPC wire formats rather than by the SDK's configured propagators.
 *
 * @param meters where counters, timers and gauges go
 * @param openTelemetry where spans go
 */
public record Telemetry(MeterRegistry meters, OpenTelemetry openTelemetry) {
  /** The instrumentation scope of Trellis' spans. */
  public static final String SCOPE = "dev.trellis";

  public Telemetry {
    Objects.requireNonNull(meters, "meters");
    Objects.requireNonNull(openTelemetry, "openTelemetry");
  }

  /**
   * The process-wide registry and OpenTelemetry, as they are now: call it after the CLI has set
   * them up (a global OpenTelemetry set later is not seen by what was made before).
   */
  public static Telemetry global() {
    return new Telemetry(
        Metrics.globalRegistry,
        GlobalOpenTelemetry.isSet() ? GlobalOpenTelemetry.get() : OpenTelemetry.noop());
  }

  /** Records nothing anywhere. */
  public static Telemetry none() {
    return new Telemetry(new CompositeMeterRegistry(), OpenTelemetry.noop());
  }

  /** Whether spans are recorded at all; instrumented code skips span work when not. */
  public boolean tracing() {
    return openTelemetry != OpenTelemetry.noop();
  }

  /** The tracer of Trellis' spans. */
  public Tracer tracer() {
    return openTelemetry.getTracer(SCOPE);
  }

  /** The W3C trace context headers ({@code traceparent}, {@code tracestate}) of {@code context}. */
  public static Map<String, String> traceHeaders(Context context) {
    Map<String, String> headers = new LinkedHashMap<>();
    W3CTraceContextPropagator.getInstance()
        .inject(context, headers, (carrier, key, value) -> carrier.put(key, value));
    return Collections.unmodifiableMap(headers);
  }

  /**
   * The context a W3C {@code traceparent} (and {@code tracestate}) continues, read with {@code
   * header} (null when absent); the root context when there is none or it is malformed.
   */
  public static Context extract(Function<String, String> header) {
    return W3CTraceContextPropagator.getInstance()
        .extract(
            Context.root(),
            header,
            new TextMapGetter<Function<String, String>>() {
              @Override
              public Iterable<String> keys(Function<String, String> carrier) {
                return W3CTraceContextPropagator.getInstance().fields();
              }

              @Override
              public String get(Function<String, String> carrier, String key) {
                return carrier == null ? null : carrier.apply(key);
              }
            });
  }
}
