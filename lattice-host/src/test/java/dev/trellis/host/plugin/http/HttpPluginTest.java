package dev.trellis.host.plugin.http;

import static dev.trellis.host.workload.TestWorkloads.component;
import static dev.trellis.host.workload.TestWorkloads.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.Host;
import dev.trellis.host.plugin.PluginRegistry;
import dev.trellis.host.plugin.wasi.WasiPlugin;
import dev.trellis.host.workload.TestWorkloads;
import dev.trellis.host.workload.WorkloadEvents;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.WitInterface;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStopRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    host =
        TestWorkloads.host(
            dir, PluginRegistry.of(List.of(new WasiPlugin(), http)), WorkloadEvents.NONE);
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
  void aRouteTakenByAnotherWorkloadFailsTheStart() {
    Host h = host(HttpPlugin.serving(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    h.start(request("first", component("hello", "http-hello").setLocalResources(route("/x"))));
    WorkloadStatus second =
        h.start(request("second", component("hello", "http-hello").setLocalResources(route("/x"))));
    assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, second.getWorkloadState());
    assertTrue(
        second.getMessage().startsWith("plugin 'wasi-http' failed to start for component 'hello'"),
        second.getMessage());
    assertTrue(second.getMessage().contains("already registered"), second.getMessage());
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
