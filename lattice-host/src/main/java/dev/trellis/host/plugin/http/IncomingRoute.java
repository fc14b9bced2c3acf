package dev.trellis.host.plugin.http;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.http.ComponentHandler;
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
 * {@code wasi:http/incoming-handler}, its route, registered while the workload runs. A request that
 * arrives while the workload stops is answered 503.
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
    Router.Registration r = target.get().router().register(target.get().route(), this::handle);
    registration.set(Optional.of(r));
    LOG.info(
        "http_route_registered workload_id={} component={} route={}",
        request.workload().id(),
        request.component().name(),
        r.route());
  }

  @Override
  public void stop() {
    registration.getAndSet(Optional.empty()).ifPresent(Router.Registration::close);
  }

  private void handle(ServerExchange exchange) {
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
      if (!exchange.isAnswered()) {
        exchange.respondError(503, "workload '" + request.workload().id() + "' is not running");
      }
    }
  }
}
