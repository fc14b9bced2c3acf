package dev.trellis.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.engine.InstanceLimits;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** http-fetch's outgoing requests: allowed hosts reach the upstream, others never connect. */
class OutgoingTest {

  private static HttpResponse<String> fetch(AllowedHosts allowed, String url) throws Exception {
    Router router = new Router();
    router.register(
        Route.ANY,
        ComponentHandler.of(
            HttpFixtures.pre("http-fetch", OutgoingConfig.of(allowed), InstanceLimits.NONE)));
    try (TrellisHttpServer server = HttpFixtures.serve(router)) {
      return HttpFixtures.CLIENT.send(
          HttpRequest.newBuilder(HttpFixtures.uri(server, "/?url=" + url)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void anAllowedHostIsFetched() throws Exception {
    try (Upstream upstream = new Upstream(201, "from upstream\n")) {
      HttpResponse<String> response =
          fetch(AllowedHosts.of("127.0.0.1"), "http://127.0.0.1:" + upstream.port() + "/x");
      assertEquals(201, response.statusCode(), response.body());
      assertEquals("from upstream\n", response.body());
      assertEquals(1, upstream.connections());
    }
  }

  @Test
  void aHostNotAllowedIsDeniedWithoutAConnection() throws Exception {
    try (Upstream upstream = new Upstream(200, "secret\n")) {
      String url = "http://127.0.0.1:" + upstream.port() + "/x";
      for (AllowedHosts allowed :
          new AllowedHosts[] {
            AllowedHosts.NONE,
            AllowedHosts.of("*.example.com", "localhost"),
            AllowedHosts.of("127.0.0.1:1")
          }) {
        HttpResponse<String> response = fetch(allowed, url);
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.body().contains("HTTP-request-denied"), response.body());
      }
      assertEquals(0, upstream.connections());
    }
  }

  @Test
  void aRefusedConnectionIsReportedAsAnErrorCode() throws Exception {
    int port;
    try (Upstream closed = new Upstream(200, "")) {
      port = closed.port();
    }
    HttpResponse<String> response =
        fetch(AllowedHosts.of("127.0.0.1"), "http://127.0.0.1:" + port + "/");
    assertEquals(502, response.statusCode(), response.body());
    assertTrue(response.body().contains("connection-refused"), response.body());
  }
}
