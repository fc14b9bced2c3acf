package dev.trellis.host.plugin.http;

import static dev.trellis.host.workload.TestWorkloads.component;
import static dev.trellis.host.workload.TestWorkloads.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.Host;
import dev.trellis.host.plugin.PluginRegistry;
import dev.trellis.host.plugin.wasi.WasiPlugin;
import dev.trellis.host.workload.RunningWorkload;
import dev.trellis.host.workload.TestWorkloads;
import dev.trellis.host.workload.WorkloadEvents;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.WitInterface;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStopRequest;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workloads exporting {@code wasi:http/incoming-handler} are routed on the host's server while they
 * run; outgoing requests reach only the component's allowed hosts.
 */
class HttpPluginTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @TempDir Path dir;
  private Host host;
  private int port;

  private Host host(HttpPlugin http) {
    port = http.address().map(InetSocketAddress::getPort).orElse(0);
    // A drain long enough that a stop in these tests only ends when its requests finish.
    host =
        Host.builder(
                TestWorkloads.config(dir, "test-host").withDrainTimeout(Duration.ofSeconds(30)))
            .plugins(PluginRegistry.of(List.of(new WasiPlugin(), http)))
            .events(WorkloadEvents.NONE)
            .build();
    return host;
  }

  @AfterEach
  void close() {
    if (host != null) {
      host.close();
    }
  }

  private static LocalResources.Builder route(String path) {
    return LocalResources.newBuilder().putConfig("path", path);
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void handlersAreRoutedWhileTheirWorkloadRunsAndOutgoingRequestsStayWithinAllowedHosts()
      throws Exception {
    Host h = host(HttpPlugin.serving(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    WorkloadStatus web =
        h.start(
            request("web", component("hello", "http-hello").setLocalResources(route("/hello"))));
    assertEquals(WorkloadState.WORKLOAD_STATE_RUNNING, web.getWorkloadState(), web.getMessage());
    HttpResponse<String> hello = get("/hello");
    assertEquals(200, hello.statusCode());
    assertEquals("Hello from Trellis!\n", hello.body());

    h.start(
        request(
            "proxy",
            component("fetch", "http-fetch")
                .setLocalResources(route("/fetch").addAllowedHosts("127.0.0.1:" + port))));
    h.start(
        request("closed", component("fetch", "http-fetch").setLocalResources(route("/closed"))));
    String upstream = "http://127.0.0.1:" + port + "/hello";
    HttpResponse<String> proxied = get("/fetch?url=" + upstream);
    assertEquals(200, proxied.statusCode(), proxied.body());
    assertEquals("Hello from Trellis!\n", proxied.body());
    assertEquals(403, get("/closed?url=" + upstream).statusCode());

    h.stop(WorkloadStopRequest.newBuilder().setWorkloadId("web").build());
    assertEquals(404, get("/hello").statusCode());
    assertEquals(1, h.workload("proxy").orElseThrow().stats().get("fetch").invocations());
  }

  @Test
  void aRouteTakenByAnotherWorkloadFailsTheStart() throws Exception {
    Host h = host(HttpPlugin.serving(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    h.start(request("first", component("hello", "http-hello").setLocalResources(route("/x"))));
    WorkloadStatus second =
        h.start(request("second", component("hello", "http-hello").setLocalResources(route("/x"))));
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, second.getWorkloadState());
    assertEquals(
        "plugin 'wasi-http' failed to start for component 'hello': route */x is already registered"
            + " by 'workload /first-app component hello'",
        second.getMessage());
    assertEquals(200, get("/x").statusCode());
  }

  /** An instance of the workload {@code shop/web}: every id shares the route {@code path}. */
  private static WorkloadStartRequest instance(String id, String fixture, String path) {
    WorkloadStartRequest r =
        request(id, component("handler", fixture).setLocalResources(route(path)));
    return r.toBuilder()
        .setWorkload(r.getWorkload().toBuilder().setNamespace("shop").setName("web"))
        .build();
  }

  private static long invocations(Host h, String id) {
    return h.workload(id).orElseThrow().stats().get("handler").invocations();
  }

  /** Waits for the count: an invocation is counted just after its response has gone out. */
  private static void awaitInvocations(Host h, String id, long expected) {
    TestWorkloads.await(
        expected + " invocations of " + id,
        Duration.ofSeconds(10),
        () -> invocations(h, id) == expected ? Boolean.TRUE : null);
  }

  @Test
  void instancesOfOneWorkloadShareTheRouteUntilTheLastOneStops() throws Exception {
    Host h = host(HttpPlugin.serving(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    for (String id : List.of("web-1", "web-2")) {
      WorkloadStatus s = h.start(instance(id, "http-hello", "/web"));
      assertEquals(WorkloadState.WORKLOAD_STATE_RUNNING, s.getWorkloadState(), s.getMessage());
    }
    for (int i = 0; i < 6; i++) {
      assertEquals(200, get("/web").statusCode());
    }
    awaitInvocations(h, "web-1", 3);
    awaitInvocations(h, "web-2", 3);

    h.stop(WorkloadStopRequest.newBuilder().setWorkloadId("web-1").build());
    for (int i = 0; i < 3; i++) {
      assertEquals("Hello from Trellis!\n", get("/web").body());
    }
    awaitInvocations(h, "web-2", 6);
    h.stop(WorkloadStopRequest.newBuilder().setWorkloadId("web-2").build());
    assertEquals(404, get("/web").statusCode());
  }

  @Test
  void aDrainingInstanceTakesNoNewRequestsWhileItsLastOneFinishes() throws Exception {
    Host h = host(HttpPlugin.serving(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    h.start(instance("old", "http-echo", "/echo"));
    // A request whose body arrives in two halves, written by hand so nothing buffers it.
    Socket slow = new Socket(InetAddress.getLoopbackAddress(), port);
    slow.setSoTimeout(30_000);
    OutputStream body = slow.getOutputStream();
    body.write(
        ("POST /echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nc\r\nfirst half, \r\n")
            .getBytes(StandardCharsets.US_ASCII));
    body.flush();
    TestWorkloads.await(
        "the slow request in flight on 'old'",
        Duration.ofSeconds(10),
        () -> h.workload("old").orElseThrow().inFlight() == 1 ? Boolean.TRUE : null);
    RunningWorkload old = h.workload("old").orElseThrow();
    h.start(instance("new", "http-echo", "/echo"));

    CompletableFuture<WorkloadStatus> stopping =
        CompletableFuture.supplyAsync(
            () -> h.stop(WorkloadStopRequest.newBuilder().setWorkloadId("old").build()),
            Thread::startVirtualThread);
    TestWorkloads.awaitState(
        h, "old", WorkloadState.WORKLOAD_STATE_STOPPING, Duration.ofSeconds(10));
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> r = get("/echo");
      assertEquals(200, r.statusCode(), "request " + i + " while 'old' drains: " + r.body());
    }
    assertFalse(stopping.isDone(), "the stop waits for the request in flight");
    awaitInvocations(h, "new", 10);

    body.write("b\r\nsecond half\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    body.flush();
    String finished = new String(slow.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    slow.close();
    assertTrue(finished.startsWith("HTTP/1.1 200"), finished);
    assertTrue(finished.contains("first half, ") && finished.contains("second half"), finished);
    assertEquals(
        WorkloadState.WORKLOAD_STATE_STOPPING,
        stopping.get(30, TimeUnit.SECONDS).getWorkloadState());
    assertEquals(1, old.stats().get("handler").invocations());
  }

  @Test
  void aHandlerIsInterruptedAtItsConfiguredRequestTimeout() throws Exception {
    Host h = host(HttpPlugin.serving(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    WorkloadStatus loop =
        h.start(
            request(
                "loop",
                component("loop", "http-loop")
                    .setLocalResources(
                        route("/loop").putConfig(HttpPlugin.REQUEST_TIMEOUT_MS, "200"))));
    assertEquals(WorkloadState.WORKLOAD_STATE_RUNNING, loop.getWorkloadState(), loop.getMessage());
    long start = System.nanoTime();
    HttpResponse<String> timedOut = get("/loop");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(504, timedOut.statusCode(), timedOut.body());
    // the default is 60 s; anything far below it shows the configured deadline applied
    assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "answered after " + took);

    WorkloadStatus bad =
        h.start(
            request(
                "bad-timeout",
                component("loop", "http-loop")
                    .setLocalResources(
                        route("/bad").putConfig(HttpPlugin.REQUEST_TIMEOUT_MS, "soon"))));
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, bad.getWorkloadState());
    assertTrue(
        bad.getMessage()
            .contains(
                "config 'request_timeout_ms' of component 'loop' of workload 'bad-timeout': must"
                    + " be a whole number of milliseconds from 1 to 3600000, got 'soon'"),
        bad.getMessage());
    assertEquals(404, get("/bad").statusCode());
  }

  @Test
  void aDeclaredHandlerOnAHostWithoutHttpFailsTheStart() {
    Host h = host(HttpPlugin.outgoingOnly());
    WorkloadStatus status =
        h.start(
            TestWorkloads.withInterfaces(
                request("web", component("hello", "http-hello")),
                WitInterface.newBuilder()
                    .setNamespace("wasi")
                    .setPackage("http")
                    .addInterfaces("incoming-handler")
                    .build()));
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, status.getWorkloadState());
    assertEquals(
        "unserved export wasi:http/incoming-handler@0.2.0 of component 'hello': the workload asks"
            + " the host to serve it and no plugin of this host does",
        status.getMessage());
  }
}
