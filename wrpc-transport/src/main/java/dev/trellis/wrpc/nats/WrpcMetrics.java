package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.Telemetry;
import dev.trellis.wrpc.wit.WitTypeMismatchException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The transport's meters and spans: {@code trellis.wrpc.client.calls} and {@code
 * trellis.wrpc.server.calls} (timers with latency histograms, by function and outcome; the client's
 * also by target prefix), and a client or server span per call named after the function.
 */
final class WrpcMetrics {
  static final String CLIENT_CALLS = "trellis.wrpc.client.calls";
  static final String SERVER_CALLS = "trellis.wrpc.server.calls";

  private final MeterRegistry meters;
  private final boolean tracing;
  private final Tracer tracer;

  WrpcMetrics(Telemetry telemetry) {
    this.meters = telemetry.meters();
    this.tracing = telemetry.tracing();
    this.tracer = telemetry.tracer();
  }

  boolean tracing() {
    return tracing;
  }

  Span clientSpan(WrpcFunction function, String prefix) {
    return tracer
        .spanBuilder(function.toString())
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("rpc.system", "wrpc")
        .setAttribute("rpc.service", function.instance())
        .setAttribute("rpc.method", function.rpcName())
        .setAttribute("wrpc.target", prefix)
        .startSpan();
  }

  Span serverSpan(WrpcFunction function, String subject, Context parent) {
    return tracer
        .spanBuilder(function.toString())
        .setParent(parent)
        .setSpanKind(SpanKind.SERVER)
        .setAttribute("rpc.system", "wrpc")
        .setAttribute("rpc.service", function.instance())
        .setAttribute("rpc.method", function.rpcName())
        .setAttribute("messaging.destination.name", subject)
        .startSpan();
  }

  void clientCall(String prefix, WrpcFunction function, String outcome, long nanos) {
    timer(CLIENT_CALLS, "wRPC calls made, by target, function and outcome")
        .tags("target", prefix.isEmpty() ? "-" : prefix)
        .tags("function", function.toString(), "outcome", outcome)
        .register(meters)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  void serverCall(WrpcFunction function, String outcome, long nanos) {
    timer(SERVER_CALLS, "wRPC invocations served, by function and outcome")
        .tags("function", function.toString(), "outcome", outcome)
        .register(meters)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private static Timer.Builder timer(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30));
  }

  /** The kind of failure, as a metric tag and span attribute. */
  static String outcome(RuntimeException e) {
    return switch (e) {
      case WrpcCallException.NoResponders n -> "no_responders";
      case WrpcCallException.Timeout t -> "timeout";
      case WrpcCallException.CircuitOpen c -> "circuit_open";
      case WrpcCallException.BulkheadFull b -> "bulkhead_full";
      case WrpcCallException.RemoteError r -> "remote_error";
      case WrpcCallException.Decode d -> "decode";
      case WrpcCallException.Transport t -> "transport";
      case WitTypeMismatchException m -> "type_mismatch";
      default -> "error";
    };
  }
}
