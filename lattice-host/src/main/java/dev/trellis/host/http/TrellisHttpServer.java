package dev.trellis.host.http;

import dev.trellis.wrpc.Telemetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's HTTP/1.1 server: routes each request by {@code Host} header and path prefix ({@link
 * Router}) to an {@link HttpHandler}, on its own virtual thread, with a generated request id. No
 * route answers 404; a handler that throws answers 500 (request id in body and log). Every request
 * is timed in {@code trellis.http.server.requests} (by route and status) and, when tracing, is a
 * server span continuing the request's W3C {@code traceparent}; the handler runs inside it.
 *
 * <p>Built on Jetty 12 rather than the JDK's {@code com.sun.net.httpserver}: on the HTTP benchmark
 * ({@code benchmarks/run http}, docs/performance.md) Jetty with virtual threads served a plain
 * hello handler at a higher rate and with a much lower p99 than the JDK server with a
 * virtual-thread executor, and it also preserves header order and case, supports trailers and has
 * non-blocking request bodies, which the wasi:io streams use directly.
 */
public final class TrellisHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrellisHttpServer.class);

  private final Server server;
  private final InetSocketAddress address;
  private final Router router;

  private TrellisHttpServer(Server server, ServerConnector connector, Router router) {
    this.server = server;
    this.router = router;
    String host = connector.getHost() == null ? "0.0.0.0" : connector.getHost();
    this.address = new InetSocketAddress(host, connector.getLocalPort());
  }

  /**
   * Starts listening.
   *
   * @throws HttpException if the address cannot be bound
   */
  public static TrellisHttpServer start(HttpServerConfig config, Router router) {
    return start(config, router, Telemetry.global());
  }

  /**
   * Starts listening, recording requests to {@code telemetry}.
   *
   * @throws HttpException if the address cannot be bound
   */
  public static TrellisHttpServer start(
      HttpServerConfig config, Router router, Telemetry telemetry) {
    Objects.requireNonNull(router, "router");
    Objects.requireNonNull(telemetry, "telemetry");
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("trellis-http");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(config.address().getHostString());
    connector.setPort(config.address().getPort());
    server.addConnector(connector);
    server.setHandler(new GracefulHandler(new Dispatcher(router, config, telemetry)));
    server.setStopTimeout(config.stopTimeout().toMillis());
    server.setStopAtShutdown(false);
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      throw new HttpException("cannot start the HTTP server on " + config.address() + ": " + e, e);
    }
    TrellisHttpServer started = new TrellisHttpServer(server, connector, router);
    LOG.info("http server started address={} routes={}", started.uri(), router.routes().size());
    return started;
  }

  /** The routing table; register and unregister routes at any time. */
  public Router router() {
    return router;
  }

  /** The address the server listens on (with the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return address;
  }

  /** {@code http://host:port/}. */
  public URI uri() {
    InetSocketAddress a = address();
    String host =
        a.getHostString().contains(":") ? "[" + a.getHostString() + "]" : a.getHostString();
    return URI.create("http://" + host + ":" + a.getPort() + "/");
  }

  /** Stops accepting, lets requests in flight finish (up to the stop timeout), then stops. */
  @Override
  public void close() {
    stopQuietly(server);
    LOG.info("http server stopped address={}", address());
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("http server did not stop cleanly error={}", e.toString());
    }
  }

  /** Resolves the route and runs the handler; runs on the request's virtual thread. */
  private static final class Dispatcher extends Handler.Abstract {
    private final Router router;
    private final HttpServerConfig config;
    private final MeterRegistry meters;
    private final boolean tracing;
    private final Tracer tracer;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    Dispatcher(Router router, HttpServerConfig config, Telemetry telemetry) {
      super(InvocationType.BLOCKING);
      this.router = router;
      this.config = config;
      this.meters = telemetry.meters();
      this.tracing = telemetry.tracing();
      this.tracer = telemetry.tracer();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      long start = System.nanoTime();
      ServerExchange exchange =
          new ServerExchange(config.requestIds().get(), request, response, callback);
      Optional<String> host = Optional.ofNullable(request.getHeaders().get(HttpHeader.HOST));
      Optional<Router.Resolved> resolved = router.resolve(host, exchange.path());
      String route = resolved.map(r -> r.route().toString()).orElse("-");
      Span span = tracing ? span(request, exchange, route) : Span.getInvalid();
      try (Scope scope = tracing ? span.makeCurrent() : Scope.noop()) {
        if (resolved.isEmpty()) {
          exchange.respondError(
              404, "no route for host " + host.orElse("(none)") + " and path " + exchange.path());
        } else {
          run(resolved.get().handler(), exchange);
        }
        exchange.finish();
      } finally {
        if (tracing) {
          span.setAttribute("http.response.status_code", exchange.status());
          if (exchange.status() >= 500) {
            span.setStatus(StatusCode.ERROR);
          }
          span.end();
        }
      }
      timer(route, exchange.status()).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "http request requestId={} method={} path={} route={} status={} micros={}",
            exchange.requestId(),
            exchange.method(),
            exchange.path(),
            route,
            exchange.status(),
            (System.nanoTime() - start) / 1000);
      }
      return true;
    }

    private Span span(Request request, ServerExchange exchange, String route) {
      return tracer
          .spanBuilder(exchange.method() + " " + route)
          .setParent(Telemetry.extract(name -> request.getHeaders().get(name)))
          .setSpanKind(SpanKind.SERVER)
          .setAttribute("http.request.method", exchange.method())
          .setAttribute("url.path", exchange.path())
          .setAttribute("http.route", route)
          .setAttribute("trellis.request_id", exchange.requestId())
          .startSpan();
    }

    /** The timer of {@code route} and {@code status}, made once. */
    private Timer timer(String route, int status) {
      return timers.computeIfAbsent(
          route + ' ' + status,
          key ->
              Timer.builder("trellis.http.server.requests")
                  .description("HTTP requests served, by route and status")
                  .tags("route", route, "status", Integer.toString(status))
                  .publishPercentileHistogram()
                  .minimumExpectedValue(java.time.Duration.ofNanos(50_000))
                  .maximumExpectedValue(java.time.Duration.ofSeconds(60))
                  .register(meters));
    }

    private static void run(HttpHandler handler, ServerExchange exchange) {
      try {
        handler.handle(exchange);
      } catch (RuntimeException e) {
        LOG.warn(
            "http handler threw requestId={} method={} path={} error={}",
            exchange.requestId(),
            exchange.method(),
            exchange.path(),
            e.toString());
        exchange.respondError(500, "the handler failed: " + e.getMessage());
      }
    }
  }
}
