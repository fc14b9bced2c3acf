package dev.trellis.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.engine.InstanceLimits;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server with the HTTP fixtures on a loopback port: answers, streamed bodies, routing and the
 * failure statuses.
 */
class ServerTest {
  private static final Router ROUTER = new Router();
  private static TrellisHttpServer server;

  @BeforeAll
  static void start() {
    ROUTER.register(Route.path("/hello"), ComponentHandler.of(HttpFixtures.pre("http-hello")));
    ROUTER.register(Route.path("/echo"), ComponentHandler.of(HttpFixtures.pre("http-echo")));
    ROUTER.register(Route.path("/trap"), ComponentHandler.of(HttpFixtures.pre("http-trap")));
    ROUTER.register(
        Route.path("/loop"),
        ComponentHandler.of(
            HttpFixtures.pre(
                "http-loop",
                OutgoingConfig.DENY_ALL,
                InstanceLimits.NONE.withCallDeadline(Duration.ofMillis(300)))));
    ROUTER.register(
        Route.path("/slow"),
        ComponentHandler.builder(HttpFixtures.pre("http-loop"))
            .deadline(Duration.ofMillis(300))
            .build());
    server = HttpFixtures.serve(ROUTER);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpFixtures.CLIENT.send(
        HttpRequest.newBuilder(HttpFixtures.uri(server, path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void helloAnswersWithItsBodyAndARequestId() throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response = get("/hello/any/path");
      assertEquals(200, response.statusCode());
      assertEquals("Hello from Trellis!\n", response.body());
      assertEquals("text/plain", response.headers().firstValue("content-type").orElse(""));
      assertTrue(response.headers().firstValue("x-request-id").isPresent());
    }
  }

  @Test
  void echoStreamsTheBodyBackWithItsContentType() throws Exception {
    byte[] body = new byte[300_000];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 31);
    }
    HttpResponse<byte[]> response =
        HttpFixtures.CLIENT.send(
            HttpRequest.newBuilder(HttpFixtures.uri(server, "/echo"))
                .header("content-type", "application/x-test")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode());
    assertEquals("application/x-test", response.headers().firstValue("content-type").orElse(""));
    assertTrue(java.util.Arrays.equals(body, response.body()));
  }

  @Test
  void aTrapAnswers500NamingTheRequestId() throws Exception {
    HttpResponse<String> response = get("/trap");
    assertEquals(500, response.statusCode());
    String id = response.headers().firstValue("x-request-id").orElseThrow();
    assertTrue(response.body().contains("request-id: " + id), response.body());
    assertEquals(200, get("/hello").statusCode());
  }

  @Test
  void aGuestThatNeverAnswersGets504AtTheDeadline() throws Exception {
    for (String path : List.of("/loop", "/slow")) {
      long start = System.nanoTime();
      HttpResponse<String> response = get(path);
      assertEquals(504, response.statusCode(), response.body());
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }
  }

  @Test
  void noRouteIs404AndEveryRequestRunsOnItsOwnVirtualThread() throws Exception {
    assertEquals(404, get("/nowhere").statusCode());
    AtomicBoolean virtual = new AtomicBoolean();
    try (Router.Registration r =
        ROUTER.register(
            Route.path("/java"),
            exchange -> {
              virtual.set(Thread.currentThread().isVirtual());
              exchange.respond(200, List.of(), "ok".getBytes(StandardCharsets.UTF_8));
            })) {
      assertEquals("ok", get("/java").body());
      assertTrue(virtual.get());
    }
    assertEquals(404, get("/java").statusCode());
  }
}
