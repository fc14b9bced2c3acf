package dev.trellis.host.http;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which hosts a component may send outgoing HTTP requests to ({@code allowed_hosts}): exact names
 * ({@code api.example.com}), wildcards for subdomains ({@code *.example.com} matches {@code
 * a.example.com} and {@code a.b.example.com} but not {@code example.com}), {@code *} for any host,
 * each optionally with {@code :port} to allow that port only. IP literals match as written. The
 * empty list allows nothing, and a denied request never opens a connection.
 *
 * @param patterns the allowed host patterns
 */
public record AllowedHosts(List<String> patterns) {
  /** Allows nothing. */
  public static final AllowedHosts NONE = new AllowedHosts(List.of());

  public AllowedHosts {
    patterns = List.copyOf(patterns);
    for (String p : patterns) {
      validate(p);
    }
  }

  /** The hosts in {@code patterns}. */
  public static AllowedHosts of(String... patterns) {
    return new AllowedHosts(List.of(patterns));
  }

  /** Whether a request to {@code host} on {@code port} is allowed. */
  public boolean permits(String host, int port) {
    String h = normalize(host);
    for (String p : patterns) {
      Pattern pattern = Pattern.parse(p);
      if (pattern.port().isPresent() && pattern.port().get() != port) {
        continue;
      }
      if (pattern.matches(h)) {
        return true;
      }
    }
    return false;
  }

  private static String normalize(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static void validate(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    Pattern parsed = Pattern.parse(pattern);
    String host = parsed.host();
    String bare = host.startsWith("*.") ? host.substring(2) : host;
    boolean any = host.equals("*");
    if (host.isEmpty()
        || (any && !pattern.trim().equals("*") && !pattern.trim().startsWith("*:"))
        || (!any && bare.isEmpty())
        || (!host.equals("*") && bare.contains("*"))
        || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
      throw new HttpException(
          "allowed host '"
              + pattern
              + "' is not a host name, '*.domain' wildcard or '*' (optionally with ':port')");
    }
  }

  /** One parsed pattern. */
  private record Pattern(String host, Optional<Integer> port) {
    static Pattern parse(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      int colon = t.lastIndexOf(':');
      boolean ipv6 = t.startsWith("[");
      if (colon > 0 && (!ipv6 || t.indexOf(']') < colon)) {
        try {
          int port = Integer.parseInt(t.substring(colon + 1));
          if (port < 1 || port > 65_535) {
            throw new HttpException("allowed host '" + text + "' has a port outside 1..65535");
          }
          return new Pattern(normalize(t.substring(0, colon)), Optional.of(port));
        } catch (NumberFormatException e) {
          throw new HttpException("allowed host '" + text + "' has a malformed port", e);
        }
      }
      return new Pattern(normalize(t), Optional.empty());
    }

    boolean matches(String h) {
      if (host.equals("*")) {
        return true;
      }
      if (host.startsWith("*.")) {
        return h.endsWith(host.substring(1)) && h.length() > host.length() - 1;
      }
      return h.equals(host);
    }
  }
}
