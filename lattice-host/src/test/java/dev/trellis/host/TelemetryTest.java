package dev.trellis.host;

import static dev.trellis.host.workload.TestWorkloads.await;
import static dev.trellis.host.workload.TestWorkloads.component;
import static dev.trellis.host.workload.TestWorkloads.request;
import static dev.trellis.wrpc.wit.WitType.Primitive.S32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.plugin.PluginContext;
import dev.trellis.host.plugin.PluginRegistry;
import dev.trellis.host.plugin.WitInterfaceSpec;
import dev.trellis.host.plugin.http.HttpPlugin;
import dev.trellis.host.plugin.wasi.WasiPlugin;
import dev.trellis.host.plugin.wrpc.WrpcPlugin;
import dev.trellis.host.workload.TestWorkloads;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.WitInterface;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStopRequest;
import dev.trellis.wrpc.Telemetry;
import dev.trellis.wrpc.provider.ProvidedInterface;
import dev.trellis.wrpc.provider.ProviderConfig;
import dev.trellis.wrpc.provider.ProviderRunner;
import dev.trellis.wrpc.provider.RunningProvider;
import dev.trellis.wrpc.wit.WitValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One HTTP request's trace through a host: the request carries a W3C {@code traceparent}; the
 * handler ({@code http-sum}) calls {@code calc} over an in-process link; {@code calc}'s {@code
 * trellis:examples/math} import is a call through the host's wRPC plugin ({@link WrpcPlugin}) to a
 * provider run by {@link ProviderRunner}. Every span of that chain must share the caller's trace id
 * and hang below the span before it; the invocation, HTTP and wRPC meters must count what happened
 * and a stopped workload's meters must go away.
 */
class TelemetryTest {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String CALLER_SPAN = "b7ad6b7169203331";
  private static final String MATH = "trellis:examples/math";
  private static final String MATH_PREFIX = Subjects.wrpcPrefix(Subjects.DEFAULT_HOSTGROUP, "math");

  @TempDir Path dir;
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final Telemetry telemetry =
      new Telemetry(meters, OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build());
  private final AutoCloser closer = new AutoCloser();

  @AfterEach
  void close() {
    closer.close();
    tracerProvider.close();
  }

  @Test
  void oneTraceSpansTheHttpRequestTheComponentTheLinkAndTheProvider() throws Exception {
    NatsServer nats = closer.add(NatsServer.startLocal(dir.resolve("nats")));
    RunningProvider provider =
        closer.add(
            ProviderRunner.create(
                    ProviderConfig.of(nats.clientUrl(), MATH_PREFIX, "math-1"),
                    List.of(
                        ProvidedInterface.builder(MATH)
                            .function(
                                "add",
                                List.of(S32, S32),
                                List.of(S32),
                                args ->
                                    List.of(
                                        WitValue.s32((int) (args.integer(0) + args.integer(1)))))
                            .build()))
                .withTelemetry(telemetry)
                .start());
    Connection connection =
        NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "telemetry-test"));
    closer.add(() -> NatsConnector.closeQuietly(connection));
    WrpcPlugin wrpc =
        new WrpcPlugin(
            new PluginContext(
                "traced-host",
                "default",
                Optional.of(connection),
                Clock.systemUTC(),
                0,
                Map.of(),
                PluginContext.DEFAULT_CALL_TIMEOUT,
                telemetry),
            WrpcPlugin.defaultResilience());
    HttpPlugin http =
        HttpPlugin.serving(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), telemetry);
    Host host =
        closer.add(
            Host.builder(TestWorkloads.config(dir, "traced-host"))
                .nats(connection)
                .plugins(PluginRegistry.of(List.of(new WasiPlugin(), http, wrpc)))
                .telemetry(telemetry)
                .build());
    WorkloadStatus started =
        host.start(
            TestWorkloads.withInterfaces(
                request(
                    "traced",
                    component("front", "http-sum")
                        .setLocalResources(LocalResources.newBuilder().putConfig("path", "/sum")),
                    component("calc", "calc")),
                // calc's math import goes to the provider through the host's wRPC plugin
                WitInterface.newBuilder()
                    .setNamespace("trellis")
                    .setPackage("examples")
                    .addInterfaces("math")
                    .putConfig(WitInterfaceSpec.WRPC_NAME, "math")
                    .build()));
    assertEquals(
        WorkloadState.WORKLOAD_STATE_RUNNING, started.getWorkloadState(), started.getMessage());
    spans.reset();

    HttpResponse<String> response = get(http, "/sum", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("sum=6\n", response.body());

    // spans end as their work unwinds, which may be after the client has the response
    await("the HTTP server span", Duration.ofSeconds(10), () -> httpSpan().orElse(null));
    SpanData server = one(s -> s.getKind() == SpanKind.SERVER && s.getName().startsWith("GET "));
    SpanData invocation = one(s -> s.getName().equals("front wasi:http/incoming-handler#handle"));
    SpanData link = one(s -> s.getName().equals("trellis:examples/calculator#sum"));
    List<SpanData> clientCalls =
        spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
    assertFalse(clientCalls.isEmpty(), "no wRPC client span: " + names());
    List<SpanData> providerCalls =
        await(
            "a provider span per client span",
            Duration.ofSeconds(10),
            () -> {
              List<SpanData> served =
                  spans.getFinishedSpanItems().stream()
                      .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().startsWith(MATH))
                      .toList();
              return served.size() == clientCalls.size() ? served : null;
            });

    assertEquals(CALLER_SPAN, server.getParentSpanId());
    assertEquals(server.getSpanId(), invocation.getParentSpanId());
    assertEquals(invocation.getSpanId(), link.getParentSpanId());
    assertEquals("calc", link.getAttributes().asMap().get(attribute("trellis.link.exporter")));
    for (SpanData call : clientCalls) {
      assertEquals(MATH + ".add", call.getName());
      assertEquals(link.getSpanId(), call.getParentSpanId(), "wRPC call below the link");
    }
    List<String> clientIds = clientCalls.stream().map(SpanData::getSpanId).toList();
    for (SpanData served : providerCalls) {
      assertTrue(clientIds.contains(served.getParentSpanId()), "provider span below a client span");
    }
    for (SpanData span : spans.getFinishedSpanItems()) {
      assertEquals(TRACE_ID, span.getTraceId(), span.getName() + " left the caller's trace");
    }

    // the same request in the meters (recorded once the handler returned, maybe after the answer)
    await(
        "the invocation recorded", Duration.ofSeconds(10), () -> invocations("ok") == 1 ? 1 : null);
    await(
        "the request timed",
        Duration.ofSeconds(10),
        () -> meters.find("trellis.http.server.requests").tag("status", "200").timer());
    assertEquals(
        clientCalls.size(),
        meters
            .get("trellis.wrpc.client.calls")
            .tags("target", MATH_PREFIX, "outcome", "ok")
            .timer()
            .count());
    assertEquals(
        clientCalls.size(),
        meters.get("trellis.wrpc.server.calls").tag("outcome", "ok").timer().count());
    assertEquals(
        0.0,
        meters
            .get("trellis.component.instances.busy")
            .tags("workload", "traced", "component", "front")
            .gauge()
            .value());

    host.stop(WorkloadStopRequest.newBuilder().setWorkloadId("traced").build());
    assertNull(
        meters.find("trellis.component.invocations").tag("workload", "traced").timer(),
        "a stopped workload's meters are removed");
    assertTrue(provider.stats().served() >= clientCalls.size(), "the provider served every call");
  }

  @Test
  void withoutAnSdkNothingIsTracedAndTrapsAreCounted() throws Exception {
    Telemetry metricsOnly = new Telemetry(meters, io.opentelemetry.api.OpenTelemetry.noop());
    assertFalse(metricsOnly.tracing());
    HttpPlugin http =
        HttpPlugin.serving(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metricsOnly);
    Host host =
        closer.add(
            Host.builder(TestWorkloads.config(dir, "untraced-host"))
                .plugins(PluginRegistry.of(List.of(new WasiPlugin(), http)))
                .telemetry(metricsOnly)
                .build());
    host.start(
        request(
            "trapping",
            component("trap", "http-trap")
                .setLocalResources(LocalResources.newBuilder().putConfig("path", "/trap"))));
    assertEquals(
        500, get(http, "/trap", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01").statusCode());
    // the response may leave before the invocation is recorded
    await(
        "the trap counted",
        Duration.ofSeconds(10),
        () ->
            meters
                .find("trellis.component.traps")
                .tags("workload", "trapping", "function", "wasi:http/incoming-handler#handle")
                .counter());
    assertEquals(0, spans.getFinishedSpanItems().size());
    assertEquals(
        1,
        meters
            .get("trellis.component.invocations")
            .tags("workload", "trapping", "outcome", "trap")
            .timer()
            .count());
    await(
        "the request timed",
        Duration.ofSeconds(10),
        () -> meters.find("trellis.http.server.requests").tag("status", "500").timer());
  }

  private static WitValue divMod(int a, int b) {
    return b == 0
        ? WitValue.err(WitValue.string("division by zero"))
        : WitValue.ok(WitValue.tuple(WitValue.s32(a / b), WitValue.s32(a % b)));
  }

  private long invocations(String outcome) {
    return meters
        .get("trellis.component.invocations")
        .tags("workload", "traced", "component", "front", "outcome", outcome)
        .timer()
        .count();
  }

  private static io.opentelemetry.api.common.AttributeKey<String> attribute(String name) {
    return io.opentelemetry.api.common.AttributeKey.stringKey(name);
  }

  private Optional<SpanData> httpSpan() {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().startsWith("GET "))
        .findFirst();
  }

  private SpanData one(Predicate<SpanData> which) {
    List<SpanData> found = spans.getFinishedSpanItems().stream().filter(which).toList();
    assertEquals(1, found.size(), "spans: " + names());
    return found.get(0);
  }

  private List<String> names() {
    return spans.getFinishedSpanItems().stream()
        .map(s -> s.getName() + "(" + s.getKind() + ")")
        .toList();
  }

  private static HttpResponse<String> get(HttpPlugin http, String path, String traceparent)
      throws Exception {
    int port = http.address().orElseThrow().getPort();
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .header("traceparent", traceparent)
              .timeout(Duration.ofSeconds(20))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  /** Closes what a test opened, last first. */
  private static final class AutoCloser implements AutoCloseable {
    private final java.util.ArrayDeque<AutoCloseable> open = new java.util.ArrayDeque<>();

    <T extends AutoCloseable> T add(T resource) {
      open.push(resource);
      return resource;
    }

    @Override
    public void close() {
      while (!open.isEmpty()) {
        try {
          open.pop().close();
        } catch (Exception e) {
          throw new IllegalStateException("cannot close a test resource", e);
        }
      }
    }
  }
}
