package dev.trellis.host.http;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which requests a handler serves: an optional host (exact, or {@code *.example.com} for its
 * subdomains; compared without the port, ignoring case) and a path prefix matched on segment
 * boundaries ({@code /api} matches {@code /api} and {@code /api/x}, not {@code /apix}).
 *
 * @param host the host the request must name in its {@code Host} header, if any
 * @param pathPrefix the path prefix, starting with {@code /}; {@code /} matches every path
 */
public record Route(Optional<String> host, String pathPrefix) {
  /** Every request. */
  public static final Route ANY = new Route(Optional.empty(), "/");

  public Route {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(pathPrefix, "pathPrefix");
    host = host.map(h -> h.toLowerCase(Locale.ROOT));
    if (host.isPresent()
        && (host.get().isEmpty()
            || host.get().chars().anyMatch(c -> c <= ' ' || c == '/' || c == ':')
            || host.get().lastIndexOf('*') > 0
            || (host.get().startsWith("*") && !host.get().startsWith("*.")))) {
      throw new HttpException(
          "route host '" + host.get() + "' must be a host name or '*.domain', without a port");
    }
    if (!pathPrefix.startsWith("/")) {
      throw new HttpException("route path prefix '" + pathPrefix + "' must start with '/'");
    }
    if (pathPrefix.length() > 1 && pathPrefix.endsWith("/")) {
      pathPrefix = pathPrefix.substring(0, pathPrefix.length() - 1);
    }
  }

  /** Requests for any host under {@code pathPrefix}. */
  public static Route path(String pathPrefix) {
    return new Route(Optional.empty(), pathPrefix);
  }

  /** Requests for {@code host} (any path). */
  public static Route host(String host) {
    return new Route(Optional.of(host), "/");
  }

  /** Requests for {@code host} under {@code pathPrefix}. */
  public static Route of(String host, String pathPrefix) {
    return new Route(Optional.of(host), pathPrefix);
  }

  /** Whether a request to {@code requestHost} (no port, lower case) and {@code path} matches. */
  public boolean matches(Optional<String> requestHost, String path) {
    if (host.isPresent()) {
      if (requestHost.isEmpty()) {
        return false;
      }
      String h = host.get();
      String r = requestHost.get();
      boolean hostMatches =
          h.startsWith("*.")
              ? r.endsWith(h.substring(1)) && r.length() > h.length() - 1
              : h.equals(r);
      if (!hostMatches) {
        return false;
      }
    }
    if (pathPrefix.equals("/")) {
      return true;
    }
    return path.startsWith(pathPrefix)
        && (path.length() == pathPrefix.length() || path.charAt(pathPrefix.length()) == '/');
  }

  /** Orders routes most specific first: exact host, wildcard host, any host; then longer paths. */
  int specificity() {
    int hostRank =
        host.map(h -> h.startsWith("*.") ? 1_000_000 + h.length() * 1000 : 2_000_000_000).orElse(0);
    return hostRank + pathPrefix.length();
  }

  @Override
  public String toString() {
    return host.orElse("*") + pathPrefix;
  }
}
