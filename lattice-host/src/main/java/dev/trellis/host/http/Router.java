package dev.trellis.host.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The routing table of a {@link TrellisHttpServer}: which {@link HttpHandler} serves which {@link
 * Route}. The workload layer registers a route when a workload exporting {@code
 * wasi:http/incoming-handler} starts and closes the {@link Registration} (or calls {@link
 * #unregister}) when it stops; requests already running finish on the old handler. Thread-safe;
 * lookups read an immutable snapshot and never lock.
 *
 * <p>A request is served by the most specific matching route: an exact host before a wildcard host
 * before any host, then the longest path prefix.
 */
public final class Router {
  private final ReentrantLock lock = new ReentrantLock();
  private volatile List<Resolved> snapshot = List.of();

  /** A route and the handler it resolved to. */
  public record Resolved(Route route, HttpHandler handler) {
    public Resolved {
      Objects.requireNonNull(route, "route");
      Objects.requireNonNull(handler, "handler");
    }
  }

  /** A registered route; closing it unregisters the route if this handler still owns it. */
  public interface Registration extends AutoCloseable {
    /** The registered route. */
    Route route();

    @Override
    void close();
  }

  /**
   * Routes {@code route} to {@code handler}.
   *
   * @throws HttpException if another handler already serves exactly this route
   */
  public Registration register(Route route, HttpHandler handler) {
    Resolved entry = new Resolved(route, handler);
    lock.lock();
    try {
      if (snapshot.stream().anyMatch(r -> r.route().equals(route))) {
        throw new HttpException("route " + route + " is already registered");
      }
      List<Resolved> next = new ArrayList<>(snapshot);
      next.add(entry);
      next.sort(Comparator.comparingInt((Resolved r) -> r.route().specificity()).reversed());
      snapshot = List.copyOf(next);
    } finally {
      lock.unlock();
    }
    return new Registration() {
      @Override
      public Route route() {
        return route;
      }

      @Override
      public void close() {
        remove(entry);
      }
    };
  }

  /** Removes {@code route}; returns whether it was registered. */
  public boolean unregister(Route route) {
    return snapshot.stream()
        .filter(r -> r.route().equals(route))
        .findFirst()
        .map(this::remove)
        .orElse(false);
  }

  private boolean remove(Resolved entry) {
    lock.lock();
    try {
      List<Resolved> next = new ArrayList<>(snapshot);
      boolean removed = next.remove(entry);
      snapshot = List.copyOf(next);
      return removed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The handler for a request to {@code host} (the {@code Host} header's name, without port) and
   * {@code path}, if a route matches.
   */
  public Optional<Resolved> resolve(Optional<String> host, String path) {
    Optional<String> h = host.map(Router::hostName);
    for (Resolved r : snapshot) {
      if (r.route().matches(h, path)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Every route and its handler, most specific first. */
  public Map<Route, HttpHandler> routes() {
    Map<Route, HttpHandler> out = new LinkedHashMap<>();
    snapshot.forEach(r -> out.put(r.route(), r.handler()));
    return out;
  }

  /** {@code host} in lower case without a port or trailing dot. */
  static String hostName(String host) {
    String h = host.toLowerCase(java.util.Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon >= 0 && h.indexOf(']') < colon) {
      h = h.substring(0, colon);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
