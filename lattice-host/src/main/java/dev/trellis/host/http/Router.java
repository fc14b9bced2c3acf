package dev.trellis.host.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The routing table of a {@link TrellisHttpServer}: which {@link HttpHandler}s serve which {@link
 * Route}. The workload layer registers a route when a workload exporting {@code
 * wasi:http/incoming-handler} starts and closes the {@link Registration} when it stops; requests
 * already running finish on the old handler. Thread-safe; lookups read an immutable snapshot and
 * never lock.
 *
 * <p>A request is served by the most specific matching route: an exact host before a wildcard host
 * before any host, then the longest path prefix.
 *
 * <p>A route is <em>shared</em> by handlers registered under the same share key (instances of one
 * workload definition, e.g. the old and the new instance of a rolling update on one host): requests
 * go to them in turn, and the route disappears when its last handler is closed. A handler under
 * another key is refused, so two unrelated applications never split one route's traffic.
 */
public final class Router {
  private final ReentrantLock lock = new ReentrantLock();
  private volatile List<Entry> snapshot = List.of();

  /** A route and the handler it resolved to. */
  public record Resolved(Route route, HttpHandler handler) {
    public Resolved {
      Objects.requireNonNull(route, "route");
      Objects.requireNonNull(handler, "handler");
    }
  }

  /** A registered handler; closing it removes the handler, and the route with its last one. */
  public interface Registration extends AutoCloseable {
    /** The registered route. */
    Route route();

    @Override
    void close();
  }

  /**
   * One route with its handlers in registration order; {@code next} is shared by every snapshot of
   * the route so turns continue across registrations.
   */
  private record Entry(
      Route route, String shareKey, List<HttpHandler> handlers, AtomicInteger next) {
    HttpHandler pick() {
      int n = handlers.size();
      return n == 1 ? handlers.getFirst() : handlers.get(Math.floorMod(next.getAndIncrement(), n));
    }

    Entry with(List<HttpHandler> newHandlers) {
      return new Entry(route, shareKey, List.copyOf(newHandlers), next);
    }
  }

  /**
   * Routes {@code route} to {@code handler} alone.
   *
   * @throws HttpException if another handler already serves exactly this route
   */
  public Registration register(Route route, HttpHandler handler) {
    return register(route, "exclusive-" + UUID.randomUUID(), handler);
  }

  /**
   * Routes {@code route} to {@code handler}, sharing it with the handlers registered under the same
   * {@code shareKey}.
   *
   * @throws HttpException if handlers under another share key serve exactly this route, or this
   *     handler is already registered there
   */
  public Registration register(Route route, String shareKey, HttpHandler handler) {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(shareKey, "shareKey");
    Objects.requireNonNull(handler, "handler");
    lock.lock();
    try {
      List<Entry> next = new ArrayList<>(snapshot);
      Optional<Entry> existing = find(next, route);
      if (existing.isEmpty()) {
        next.add(new Entry(route, shareKey, List.of(handler), new AtomicInteger()));
        next.sort(Comparator.comparingInt((Entry e) -> e.route().specificity()).reversed());
      } else {
        Entry e = existing.get();
        if (!e.shareKey().equals(shareKey)) {
          throw new HttpException(
              "route " + route + " is already registered by '" + describe(e.shareKey()) + "'");
        }
        if (e.handlers().contains(handler)) {
          throw new HttpException("this handler already serves route " + route);
        }
        List<HttpHandler> handlers = new ArrayList<>(e.handlers());
        handlers.add(handler);
        next.set(next.indexOf(e), e.with(handlers));
      }
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
        remove(route, handler);
      }
    };
  }

  private static String describe(String shareKey) {
    return shareKey.startsWith("exclusive-") ? "another handler" : shareKey;
  }

  private static Optional<Entry> find(List<Entry> entries, Route route) {
    return entries.stream().filter(e -> e.route().equals(route)).findFirst();
  }

  /** Removes {@code route} with all its handlers; returns whether it was registered. */
  public boolean unregister(Route route) {
    lock.lock();
    try {
      List<Entry> next = new ArrayList<>(snapshot);
      boolean removed = next.removeIf(e -> e.route().equals(route));
      snapshot = List.copyOf(next);
      return removed;
    } finally {
      lock.unlock();
    }
  }

  private void remove(Route route, HttpHandler handler) {
    lock.lock();
    try {
      List<Entry> next = new ArrayList<>(snapshot);
      Optional<Entry> existing = find(next, route);
      if (existing.isEmpty() || !existing.get().handlers().contains(handler)) {
        return;
      }
      Entry e = existing.get();
      List<HttpHandler> handlers = new ArrayList<>(e.handlers());
      handlers.remove(handler);
      if (handlers.isEmpty()) {
        next.remove(e);
      } else {
        next.set(next.indexOf(e), e.with(handlers));
      }
      snapshot = List.copyOf(next);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The handler for a request to {@code host} (the {@code Host} header's name, without port) and
   * {@code path}, if a route matches; the handlers of a shared route take turns.
   */
  public Optional<Resolved> resolve(Optional<String> host, String path) {
    Optional<String> h = host.map(Router::hostName);
    for (Entry e : snapshot) {
      if (e.route().matches(h, path)) {
        return Optional.of(new Resolved(e.route(), e.pick()));
      }
    }
    return Optional.empty();
  }

  /**
   * Another handler currently serving exactly {@code route}, not {@code except}: where a request
   * goes when the handler it reached was closed between routing and serving.
   */
  public Optional<HttpHandler> another(Route route, HttpHandler except) {
    for (Entry e : snapshot) {
      if (e.route().equals(route)) {
        for (int k = 0; k < e.handlers().size(); k++) {
          HttpHandler candidate = e.pick();
          if (candidate != except) {
            return Optional.of(candidate);
          }
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** How many handlers serve exactly {@code route} (0 when it is not registered). */
  public int handlerCount(Route route) {
    return snapshot.stream()
        .filter(e -> e.route().equals(route))
        .findFirst()
        .map(e -> e.handlers().size())
        .orElse(0);
  }

  /** Every route and its first handler, most specific first. */
  public Map<Route, HttpHandler> routes() {
    Map<Route, HttpHandler> out = new LinkedHashMap<>();
    snapshot.forEach(e -> out.put(e.route(), e.handlers().getFirst()));
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
