package dev.trellis.bench;

import com.sun.net.httpserver.HttpServer;
import dev.trellis.host.engine.ComponentPre;
import dev.trellis.host.engine.Engine;
import dev.trellis.host.engine.Linker;
import dev.trellis.host.http.ComponentHandler;
import dev.trellis.host.http.Field;
import dev.trellis.host.http.HttpServerConfig;
import dev.trellis.host.http.OutgoingConfig;
import dev.trellis.host.http.Route;
import dev.trellis.host.http.Router;
import dev.trellis.host.http.TrellisHttpServer;
import dev.trellis.host.http.WasiHttp;
import dev.trellis.host.wasi.Wasi;
import dev.trellis.host.wasi.WasiContext;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * HTTP throughput and latency of the {@code http-hello} component served by Trellis (a fresh
 * instance per request), beside a plain Java handler doing the same work on the same server stack
 * (the floor), and the two server stacks considered for the host (Jetty 12 and the JDK's {@code
 * com.sun.net.httpserver}, both on virtual threads) bare, with that plain handler and nothing of
 * Trellis. Rounds alternate between the targets and each figure is the median round, so drifting
 * machine load hits all targets alike. Loopback only; every round is bounded by request count and
 * time.
 */
final class HttpThroughput {
  private static final byte[] HELLO = "Hello from Trellis!\n".getBytes(StandardCharsets.UTF_8);
  private static final List<Field> HEADERS = List.of(Field.of("content-type", "text/plain"));

  private HttpThroughput() {}

  /** Settings of one benchmark run. */
  record Settings(int connections, long maxRequests, Duration warmup, Duration round, int rounds) {}

  static List<Figure> run(Settings s) throws Exception {
    Router router = new Router();
    // The handler as `trellis run --serve` builds it: a fresh instance per request.
    router.register(Route.path("/hello"), ComponentHandler.of(helloPre()));
    router.register(Route.path("/floor"), exchange -> exchange.respond(200, HEADERS, HELLO));
    HttpServer jdk = jdkServer();
    Server rawJetty = rawJettyServer();
    try (TrellisHttpServer server =
        TrellisHttpServer.start(HttpServerConfig.of("127.0.0.1", 0), router)) {
      InetSocketAddress jetty = server.address();
      InetSocketAddress raw =
          new InetSocketAddress(
              "127.0.0.1", ((ServerConnector) rawJetty.getConnectors()[0]).getLocalPort());
      List<Target> targets =
          List.of(
              new Target("trellis", jetty, "/hello"),
              new Target("floor", jetty, "/floor"),
              new Target("jetty", raw, "/floor"),
              new Target("jdk", jdk.getAddress(), "/floor"));
      for (Target t : targets) {
        LoadGenerator.run(t.address(), t.path(), s.connections(), s.maxRequests(), s.warmup());
      }
      for (int round = 0; round < s.rounds(); round++) {
        for (Target t : targets) {
          LoadGenerator.Result r =
              LoadGenerator.run(t.address(), t.path(), s.connections(), s.maxRequests(), s.round());
          if (r.errors() > 0) {
            throw new IllegalStateException(t.name() + ": " + r.errors() + " non-200 responses");
          }
          t.results().add(r);
          System.err.printf(
              Locale.ROOT,
              "http: round %d %-8s %9.0f req/s  p50 %.3f ms  p99 %.3f ms%n",
              round + 1,
              t.name(),
              r.requestsPerSecond(),
              r.percentiles().millis(50),
              r.percentiles().millis(99));
        }
      }
      return figures(
          targets.get(0).median(),
          targets.get(1).median(),
          targets.get(2).median(),
          targets.get(3).median());
    } finally {
      jdk.stop(0);
      rawJetty.stop();
    }
  }

  private static List<Figure> figures(
      LoadGenerator.Result trellis,
      LoadGenerator.Result floor,
      LoadGenerator.Result jetty,
      LoadGenerator.Result jdk) {
    String plain = "plain Java handler, same Jetty server";
    return List.of(
        new Figure(
            "http-hello time per request (1/throughput)",
            "us",
            1e6 / trellis.requestsPerSecond(),
            1e6 / floor.requestsPerSecond(),
            plain,
            2.0),
        new Figure(
            "http-hello throughput",
            "req/s",
            trellis.requestsPerSecond(),
            floor.requestsPerSecond(),
            plain,
            0),
        new Figure(
            "http-hello latency p50",
            "ms",
            trellis.percentiles().millis(50),
            floor.percentiles().millis(50),
            plain,
            0),
        new Figure(
            "http-hello latency p99",
            "ms",
            trellis.percentiles().millis(99),
            floor.percentiles().millis(99),
            plain,
            0),
        new Figure(
            "Trellis routing+exchange layer, per request",
            "us",
            1e6 / floor.requestsPerSecond(),
            1e6 / jetty.requestsPerSecond(),
            "bare Jetty handler",
            0),
        new Figure(
            "server stack: bare Jetty 12 hello, per request",
            "us",
            1e6 / jetty.requestsPerSecond(),
            1e6 / jdk.requestsPerSecond(),
            "bare JDK httpserver + virtual threads",
            0),
        new Figure(
            "server stack: bare Jetty 12 hello p99",
            "ms",
            jetty.percentiles().millis(99),
            jdk.percentiles().millis(99),
            "bare JDK httpserver + virtual threads",
            0));
  }

  /** One server and path under load, with its rounds. */
  private record Target(
      String name, InetSocketAddress address, String path, List<LoadGenerator.Result> results) {
    Target(String name, InetSocketAddress address, String path) {
      this(name, address, path, new ArrayList<>());
    }

    LoadGenerator.Result median() {
      List<LoadGenerator.Result> sorted = new ArrayList<>(results);
      sorted.sort(Comparator.comparingDouble(LoadGenerator.Result::requestsPerSecond));
      return sorted.get(sorted.size() / 2);
    }
  }

  private static ComponentPre helloPre() throws Exception {
    Path wasm = examples().resolve("http-hello.wasm");
    Linker linker = Wasi.addTo(Linker.create(), WasiContext.empty());
    return WasiHttp.addTo(linker, OutgoingConfig.DENY_ALL)
        .prepare(Engine.create().load("http-hello", Files.readAllBytes(wasm)));
  }

  private static Path examples() {
    for (Path p : List.of(Path.of("examples", "wasm"), Path.of("..", "examples", "wasm"))) {
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new IllegalStateException("examples/wasm not found; run from the repository root");
  }

  /** Jetty 12 on virtual threads with the same plain handler and nothing of Trellis. */
  private static Server rawJettyServer() throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            response.setStatus(200);
            response.getHeaders().put("content-type", "text/plain");
            try (Blocker.Callback written = Blocker.callback()) {
              response.write(true, ByteBuffer.wrap(HELLO), written);
              written.block();
            }
            callback.succeeded();
            return true;
          }
        });
    server.start();
    return server;
  }

  /** The JDK's server with a virtual thread per exchange and the same plain handler. */
  private static HttpServer jdkServer() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("content-type", "text/plain");
          exchange.sendResponseHeaders(200, HELLO.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(HELLO);
          }
        });
    server.start();
    return server;
  }
}
