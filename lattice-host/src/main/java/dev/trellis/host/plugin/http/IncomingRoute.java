package dev.trellis.host.plugin.http;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.http.ComponentHandler;
import dev.trellis.host.http.HttpHandler;
import dev.trellis.host.http.Route;
import dev.trellis.host.http.Router;
import dev.trellis.host.http.ServerExchange;
import dev.trellis.host.plugin.BindRequest;
import dev.trellis.host.plugin.ComponentBinding;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One component's HTTP binding: its confined outgoing handler, and, for a component exporting
 * {@code wasi:http/incoming-handler}, its route, registered while the workload runs. Instances of
 * the same component of the same workload name and namespace share the route (see {@link
 * #shareKey}), so a second instance on a host, e.g. the new one of a rolling update, serves beside
 * the first. The route is left when the workload starts stopping, before it drains; a request that
 * reached this instance just as it stopped is handed to another instance of the route, and answered
 * 503 only when there is none.
 */
final class IncomingRoute implements ComponentBinding {
  private static final Logger LOG = LoggerFactory.getLogger(IncomingRoute.class);

  /** Where the component is served. */
  record Target(Router router, Route route) {
    Target {
      Objects.requireNonNull(router, "router");
      Objects.requireNonNull(route, "route");
    }
  }

  private final List<HostInterface> outgoing;
  private final Optional<Target> target;
  private final BindRequest request;
  private final Duration deadline;
  private final AtomicReference<Optional<Router.Registration>> registration =
      new AtomicReference<>(Optional.empty());
  private final HttpHandler member = new Member();

  IncomingRoute(
      List<HostInterface> outgoing,
      Optional<Target> target,
      BindRequest request,
      Duration deadline) {
    this.outgoing = List.copyOf(outgoing);
    this.target = target;
    this.request = request;
    this.deadline = deadline;
  }

  @Override
  public List<HostInterface> hostInterfaces() {
    return outgoing;
  }

  @Override
  public void start() {
    if (target.isEmpty()) {
      return;
    }
    Router.Registration r =
        target.get().router().register(target.get().route(), shareKey(request), member);
    registration.set(Optional.of(r));
    LOG.info(
        "http_route_registered workload_id={} component={} route={} handlers={}",
        request.workload().id(),
        request.component().name(),
        r.route(),
        target.get().router().handlerCount(r.route()));
  }

  /**
   * Which registrations may share a route: the same component of workloads with the same namespace
   * and name (what the scheduler gives every instance of one application component).
   */
  static String shareKey(BindRequest request) {
    return "workload "
        + request.workload().namespace()
        + "/"
        + request.workload().name()
        + " component "
        + request.component().name();
  }

  @Override
  public void stop() {
    registration.getAndSet(Optional.empty()).ifPresent(Router.Registration::close);
  }

  /** The handler registered on the route; at most one hand-over per request. */
  private final class Member implements HttpHandler {
    IncomingRoute outer() {
      return IncomingRoute.this;
    }

    @Override
    public void handle(ServerExchange exchange) {
      serve(exchange, true);
    }
  }

  private void serve(ServerExchange exchange, boolean mayHandOver) {
    try {
      request
          .invoker()
          .withInstance(
              ComponentHandler.EXPORT,
              lease -> {
                ComponentHandler.builder(lease.pre())
                    .deadline(deadline)
                    .instances(state -> lease.instance())
                    .build()
                    .handle(exchange);
                return null;
              });
    } catch (HostException e) {
      if (exchange.isAnswered()) {
        return;
      }
      Optional<HttpHandler> other =
          mayHandOver
              ? target.flatMap(t -> t.router().another(t.route(), member))
              : Optional.empty();
      if (other.isPresent() && other.get() instanceof Member m) {
        m.outer().serve(exchange, false);
      } else {
        exchange.respondError(503, "workload '" + request.workload().id() + "' is not running");
      }
    }
  }
}
