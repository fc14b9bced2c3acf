package dev.trellis.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Route matching and precedence, and allowed-host patterns. */
class RoutingAndPolicyTest {
  private static final HttpHandler A = exchange -> {};
  private static final HttpHandler B = exchange -> {};
  private static final HttpHandler C = exchange -> {};
  private static final HttpHandler D = exchange -> {};

  private static Optional<HttpHandler> resolve(Router router, String host, String path) {
    return router.resolve(Optional.ofNullable(host), path).map(Router.Resolved::handler);
  }

  @Test
  void theMostSpecificRouteWins() {
    Router router = new Router();
    router.register(Route.ANY, A);
    router.register(Route.path("/api"), B);
    router.register(Route.of("*.example.com", "/"), C);
    router.register(Route.of("shop.example.com", "/api"), D);
    assertEquals(Optional.of(D), resolve(router, "Shop.Example.com:8080", "/api/items"));
    assertEquals(Optional.of(C), resolve(router, "shop.example.com", "/apix"));
    assertEquals(Optional.of(C), resolve(router, "a.b.example.com", "/"));
    assertEquals(Optional.of(B), resolve(router, "example.com", "/api"));
    assertEquals(Optional.of(A), resolve(router, null, "/apix"));
    assertEquals(Optional.of(B), resolve(router, null, "/api/"));
  }

  @Test
  void routesRegisterOnceAndUnregister() {
    Router router = new Router();
    Router.Registration r = router.register(Route.path("/x/"), A);
    assertEquals(Route.path("/x"), r.route());
    assertThrows(HttpException.class, () -> router.register(Route.path("/x"), B));
    assertTrue(resolve(router, null, "/").isEmpty());
    r.close();
    assertTrue(resolve(router, null, "/x").isEmpty());
    router.register(Route.path("/x"), B);
    assertTrue(router.unregister(Route.path("/x")));
    assertFalse(router.unregister(Route.path("/x")));
  }

  @Test
  void handlersUnderOneShareKeyTakeTurnsAndTheRouteLeavesWithTheLastOne() {
    Router router = new Router();
    Router.Registration first = router.register(Route.path("/web"), "app/web", A);
    Router.Registration second = router.register(Route.path("/web/"), "app/web", B);
    assertEquals(2, router.handlerCount(Route.path("/web")));
    List<HttpHandler> served = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      served.add(resolve(router, null, "/web/x").orElseThrow());
    }
    assertEquals(2, served.stream().filter(h -> h == A).count(), served.toString());
    assertEquals(2, served.stream().filter(h -> h == B).count(), served.toString());
    assertEquals(Optional.of(B), router.another(Route.path("/web"), A));

    HttpException other =
        assertThrows(HttpException.class, () -> router.register(Route.path("/web"), "shop/web", C));
    assertEquals("route */web is already registered by 'app/web'", other.getMessage());
    assertThrows(HttpException.class, () -> router.register(Route.path("/web"), "app/web", A));

    first.close();
    first.close();
    for (int i = 0; i < 3; i++) {
      assertEquals(Optional.of(B), resolve(router, null, "/web"));
    }
    assertTrue(router.another(Route.path("/web"), B).isEmpty());
    second.close();
    assertTrue(resolve(router, null, "/web").isEmpty());
    assertEquals(0, router.handlerCount(Route.path("/web")));
    router.register(Route.path("/web"), "shop/web", C);
    assertEquals(Optional.of(C), resolve(router, null, "/web"));
  }

  @Test
  void badRoutesAreRejected() {
    for (String host : List.of("", "a b", "host:80", "a.*.com", "*example.com")) {
      assertThrows(HttpException.class, () -> Route.of(host, "/"), host);
    }
    assertThrows(HttpException.class, () -> Route.path("api"));
  }

  @Test
  void allowedHostsMatchExactNamesWildcardsAndPorts() {
    AllowedHosts hosts = AllowedHosts.of("api.example.com", "*.example.org", "127.0.0.1:8080");
    assertTrue(hosts.permits("API.example.com", 443));
    assertTrue(hosts.permits("a.example.org", 80));
    assertTrue(hosts.permits("a.b.example.org", 80));
    assertFalse(hosts.permits("example.org", 80));
    assertFalse(hosts.permits("evil-example.org", 80));
    assertFalse(hosts.permits("api.example.com.evil.net", 443));
    assertTrue(hosts.permits("127.0.0.1", 8080));
    assertFalse(hosts.permits("127.0.0.1", 8081));
    assertFalse(AllowedHosts.NONE.permits("localhost", 80));
    assertTrue(AllowedHosts.of("*").permits("anything.at.all", 1));
    assertTrue(AllowedHosts.of("[::1]:8080").permits("[::1]", 8080));
    for (String bad : List.of("", "a/b", "*.", "a.*.b", "host:0", "host:x")) {
      assertThrows(HttpException.class, () -> AllowedHosts.of(bad), bad);
    }
  }

  @Test
  void errorCodesMapToStatuses() {
    assertEquals(403, HttpErrorCode.denied().status());
    assertEquals(502, HttpErrorCode.of("connection-refused").status());
    assertEquals(504, HttpErrorCode.of("HTTP-response-timeout").status());
    assertEquals(500, HttpErrorCode.internal("x").status());
    assertEquals("internal-error: x", HttpErrorCode.internal("x").describe());
    assertThrows(HttpException.class, () -> HttpErrorCode.of("no-such-case"));
  }
}
