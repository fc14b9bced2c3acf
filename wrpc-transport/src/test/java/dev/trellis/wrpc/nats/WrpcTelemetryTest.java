package dev.trellis.wrpc.nats;

import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsServer;
import dev.trellis.wrpc.Telemetry;
import dev.trellis.wrpc.wit.WitValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A traced wRPC call carries the caller's W3C {@code traceparent} in its headers and the server
 * continues it; without an SDK no header is added; both sides count their calls by outcome.
 */
class WrpcTelemetryTest {
  private static final WrpcFunction TRACEPARENT =
      WrpcFunction.of("trellis:test/trace", "traceparent", List.of(), List.of(STRING));

  @TempDir static Path dir;
  static NatsServer nats;
  static Connection connection;

  @BeforeAll
  static void start() {
    nats = TestNats.start(dir);
    connection = TestNats.connect(nats.clientUrl(), "wrpc-telemetry-test");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    connection.close();
    nats.close();
  }

  /** A server answering with the {@code traceparent} header it received, or "none". */
  private static WrpcServer echoServer(String prefix, Telemetry telemetry) {
    WrpcServer server = WrpcServer.create(connection, WrpcTransportConfig.of(prefix), telemetry);
    server.serve(
        TRACEPARENT,
        call -> WrpcReply.of(WitValue.string(call.headers().traceparent().orElse("none"))));
    return server;
  }

  @Test
  void aTracedCallContinuesTheCallersTraceOnTheServer() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()) {
      Telemetry telemetry =
          new Telemetry(meters, OpenTelemetrySdk.builder().setTracerProvider(provider).build());
      try (WrpcServer server = echoServer("traced", telemetry);
          WrpcClient client =
              WrpcClient.create(connection, WrpcTransportConfig.of("traced"), telemetry)) {
        Span caller = telemetry.tracer().spanBuilder("caller").startSpan();
        String seen;
        try (Scope scope = caller.makeCurrent()) {
          seen = string(client.invoke(TRACEPARENT, List.of(), InvokeOptions.defaults()));
        } finally {
          caller.end();
        }
        String traceId = caller.getSpanContext().getTraceId();
        assertTrue(seen.startsWith("00-" + traceId + "-"), seen);

        SpanData client1 = await(spans, SpanKind.CLIENT);
        SpanData server1 = await(spans, SpanKind.SERVER);
        assertEquals(caller.getSpanContext().getSpanId(), client1.getParentSpanId());
        assertEquals(client1.getSpanId(), server1.getParentSpanId());
        assertEquals(traceId, server1.getTraceId());
        assertTrue(seen.startsWith("00-" + traceId + "-" + client1.getSpanId() + "-"), seen);
        assertEquals(
            1,
            meters
                .get("trellis.wrpc.client.calls")
                .tags("target", "traced", "outcome", "ok")
                .timer()
                .count());
        awaitCount(meters, "trellis.wrpc.server.calls", "ok");
      }
    }
  }

  @Test
  void withoutAnSdkNoHeaderTravelsAndFailuresAreCountedByKind() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Telemetry metricsOnly = new Telemetry(meters, OpenTelemetry.noop());
    try (WrpcServer server = echoServer("plain", metricsOnly);
        WrpcClient client =
            WrpcClient.create(connection, WrpcTransportConfig.of("plain"), metricsOnly)) {
      assertEquals("none", string(client.invoke(TRACEPARENT, List.of(), InvokeOptions.defaults())));
      WrpcFunction missing =
          WrpcFunction.of("trellis:test/trace", "missing", List.of(), List.of(STRING));
      assertThrows(
          WrpcCallException.NoResponders.class,
          () -> client.invoke(missing, List.of(), InvokeOptions.defaults()));
      assertEquals(
          1,
          meters
              .get("trellis.wrpc.client.calls")
              .tags("target", "plain", "outcome", "no_responders")
              .timer()
              .count());
    }
  }

  private static String string(InvocationResult result) {
    return ((WitValue.StringValue) result.values().get(0)).value();
  }

  private static SpanData await(InMemorySpanExporter spans, SpanKind kind) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (SpanData span : spans.getFinishedSpanItems()) {
        if (span.getKind() == kind) {
          return span;
        }
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    throw new AssertionError("no " + kind + " span in " + spans.getFinishedSpanItems());
  }

  private static void awaitCount(SimpleMeterRegistry meters, String name, String outcome) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      var timer = meters.find(name).tag("outcome", outcome).timer();
      if (timer != null && timer.count() == 1) {
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    throw new AssertionError("no " + name + " with outcome " + outcome);
  }
}
