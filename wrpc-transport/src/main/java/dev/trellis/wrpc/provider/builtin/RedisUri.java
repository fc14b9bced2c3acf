package dev.trellis.wrpc.provider.builtin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Redis is and how to log in, from a {@code redis://[[user]:password@]host[:port][/db]} URL
 * ({@code rediss://} for TLS with the JVM's default trust store), as redis-cli and the Redis client
 * libraries read it.
 *
 * @param host host name or address
 * @param port TCP port (default 6379)
 * @param user the ACL user for {@code AUTH user password}; empty for {@code AUTH password} or none
 * @param password the password; empty for no {@code AUTH}
 * @param database the database {@code SELECT}ed on connect (default 0)
 * @param tls whether to connect with TLS
 */
public record RedisUri(
    String host,
    int port,
    Optional<String> user,
    Optional<String> password,
    int database,
    boolean tls) {
  private static final int DEFAULT_PORT = 6379;

  public RedisUri {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("redis URL has no host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("redis port " + port + " is out of range 1..65535");
    }
    if (database < 0) {
      throw new IllegalArgumentException("redis database must be >= 0, got " + database);
    }
    if (user.isPresent() && password.isEmpty()) {
      throw new IllegalArgumentException("redis URL names a user but no password");
    }
  }

  /**
   * Parses a {@code redis://} or {@code rediss://} URL.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static RedisUri parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + url + "' is not a redis URL: " + e.getMessage(), e);
    }
    String scheme = Optional.ofNullable(uri.getScheme()).orElse("");
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw new IllegalArgumentException(
          "'" + url + "' is not a redis URL: expected redis:// or rediss://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("'" + url + "' is not a redis URL: no host");
    }
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    if (uri.getUserInfo() != null) {
      // decoded already; a user name cannot contain ':', a password may
      String info = uri.getUserInfo();
      int colon = info.indexOf(':');
      String name = colon < 0 ? "" : info.substring(0, colon);
      password = Optional.of(colon < 0 ? info : info.substring(colon + 1));
      user = name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
    return new RedisUri(
        uri.getHost(),
        uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
        user,
        password,
        database(url, Optional.ofNullable(uri.getPath()).orElse("")),
        scheme.equals("rediss"));
  }

  /** {@code host:port}, for messages (never the password). */
  public String address() {
    return host + ":" + port;
  }

  private static int database(String url, String path) {
    String db = path.startsWith("/") ? path.substring(1) : path;
    if (db.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseInt(db);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + url + "' is not a redis URL: database '" + db + "' is not a number", e);
    }
  }

  @Override
  public String toString() {
    return (tls ? "rediss://" : "redis://") + address() + "/" + database;
  }
}
