package dev.trellis.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} in the Prometheus text format from a Micrometer registry. A scrape
 * endpoint answers one request every few seconds, so the JDK's built-in server is enough here; the
 * host's request-serving HTTP server is Jetty.
 */
final class MetricsEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Listens on {@code address} (port 0: a free one).
   *
   * @throws IllegalArgumentException if the address cannot be bound
   */
  static MetricsEndpoint start(InetSocketAddress address, PrometheusMeterRegistry registry) {
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--metrics-addr " + address.getHostString() + ":" + address.getPort() + ": " + e, e);
    }
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", exchange -> answer(exchange, registry));
    server.start();
    MetricsEndpoint endpoint = new MetricsEndpoint(server, executor);
    LOG.info("metrics_endpoint_started url={}", endpoint.url());
    return endpoint;
  }

  /** {@code http://host:port/metrics}. */
  String url() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "0.0.0.0" : a.getHostString();
    return "http://"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + a.getPort()
        + "/metrics";
  }

  private static void answer(HttpExchange exchange, PrometheusMeterRegistry registry) {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!path.equals("/metrics")) {
        send(exchange, 404, "not found: " + path + " (metrics are at /metrics)\n");
      } else if (!exchange.getRequestMethod().equals("GET")
          && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "method " + exchange.getRequestMethod() + " not allowed\n");
      } else {
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        send(exchange, 200, registry.scrape());
      }
    } catch (IOException e) {
      LOG.debug("metrics_scrape_aborted error={}", e.toString());
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
