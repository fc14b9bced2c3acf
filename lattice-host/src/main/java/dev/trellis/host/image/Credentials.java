package dev.trellis.host.image;

import java.util.Objects;

/**
 * A registry login (a workload's {@code image_pull_secret}), sent as HTTP basic auth or exchanged
 * for a bearer token. A record of its own so the password never reaches a log: {@link #toString()}
 * redacts it.
 *
 * @param username the registry user name
 * @param password the password or access token
 */
public record Credentials(String username, String password) {

  public Credentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isBlank()) {
      throw new IllegalArgumentException("registry username must not be blank");
    }
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=<redacted>]";
  }
}
