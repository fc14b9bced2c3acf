package dev.trellis.nats;

import io.nats.client.AuthHandler;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where jnats connections are made and its checked exceptions become Trellis'
 * unchecked ones. It applies the configured credentials and TLS. After the first connection
 * succeeds the client reconnects forever; the first connection itself fails fast with a message
 * that names the URL and the likely fix, and refused credentials fail with {@link
 * NatsAuthException} naming the server's reason instead of being retried.
 */
public final class NatsConnector {
  private static final Logger LOG = LoggerFactory.getLogger(NatsConnector.class);

  private NatsConnector() {}

  /**
   * Connects, or throws {@link NatsUnavailableException} naming the servers tried, or {@link
   * NatsAuthException} when the server refuses the credentials or the TLS handshake.
   */
  public static Connection connect(NatsClientConfig config) {
    LoggingListener events = new LoggingListener();
    Options.Builder builder =
        new Options.Builder()
            .servers(config.servers().toArray(String[]::new))
            .connectionName(config.connectionName())
            .connectionTimeout(config.connectTimeout())
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(250))
            .connectionListener(events)
            .errorListener(events);
    applyAuth(config.auth(), builder);
    config.tls().ifPresent(tls -> builder.sslContext(PemTls.context(tls)));
    try {
      return connectOrRefuse(builder.build(), events, config);
    } catch (IOException e) {
      String servers = String.join(",", config.servers());
      String serverError = events.firstServerError();
      if (isAuthFailure(serverError) || isAuthFailure(e.getMessage())) {
        String reason = serverError.isEmpty() ? e.getMessage() : serverError;
        throw new NatsAuthException(
            "NATS at "
                + servers
                + " refused "
                + config.auth().describe()
                + " ("
                + reason.strip().toLowerCase(Locale.ROOT)
                + "); check the --nats-creds/--nats-nkey/--nats-user/--nats-token-file flags",
            e);
      }
      Throwable attempt = events.firstException().orElse(e);
      if (hasCause(attempt, SSLException.class) || hasCause(e, SSLException.class)) {
        throw new NatsAuthException(
            "TLS handshake with NATS at "
                + servers
                + " failed ("
                + rootMessage(attempt)
                + "); check --nats-tls-ca, --nats-tls-cert and --nats-tls-key",
            e);
      }
      throw new NatsUnavailableException(
          "cannot connect to NATS at "
              + servers
              + " ("
              + e.getMessage()
              + (serverError.isEmpty() ? "" : "; the server said: " + serverError.strip())
              + "); is a nats-server running there? `trellis up` starts one",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NatsUnavailableException("interrupted while connecting to NATS", e);
    }
  }

  /**
   * {@link Nats#connect(Options)} on its own thread, abandoned as soon as the server refuses the
   * credentials: jnats would otherwise sit out the whole connect timeout after the server's {@code
   * -ERR}, and the refusal cannot change by waiting.
   */
  private static Connection connectOrRefuse(
      Options options, LoggingListener events, NatsClientConfig config)
      throws IOException, InterruptedException {
    java.util.concurrent.CompletableFuture<Connection> attempt =
        new java.util.concurrent.CompletableFuture<>();
    Thread connector =
        Thread.ofVirtual()
            .name("nats-connect-" + config.connectionName())
            .start(
                () -> {
                  try {
                    attempt.complete(Nats.connect(options));
                  } catch (IOException | InterruptedException | RuntimeException e) {
                    attempt.completeExceptionally(e);
                  }
                });
    java.util.concurrent.CompletableFuture.anyOf(attempt.exceptionally(e -> null), events.refused())
        .join();
    if (!attempt.isDone()) {
      connector.interrupt();
      connector.join(Duration.ofSeconds(2));
      attempt.thenAccept(NatsConnector::closeQuietly);
      throw new IOException(events.firstServerError());
    }
    try {
      return attempt.join();
    } catch (java.util.concurrent.CompletionException e) {
      switch (e.getCause()) {
        case IOException io -> throw io;
        case InterruptedException interrupted -> throw interrupted;
        case RuntimeException runtime -> throw runtime;
        default -> throw e;
      }
    }
  }

  /** Reads the credential files now, so an unusable file fails before any network traffic. */
  private static void applyAuth(NatsAuth auth, Options.Builder builder) {
    switch (auth) {
      case NatsAuth.None none -> {}
      case NatsAuth.UserPassword user ->
          builder.userInfo(
              user.user().toCharArray(), secret(user.passwordFile(), "NATS password file"));
      case NatsAuth.Token token -> builder.token(secret(token.tokenFile(), "NATS token file"));
      case NatsAuth.NKeySeed nkey -> {
        char[] seed = secret(nkey.seedFile(), "NATS NKey seed file");
        checkUserSeed(seed, nkey.seedFile());
        builder.authHandler(warmedUp(Nats.staticCredentials(null, seed), auth));
      }
      case NatsAuth.CredsFile creds -> {
        checkCredsFile(creds.credsFile());
        builder.authHandler(warmedUp(Nats.credentials(creds.credsFile().toString()), auth));
      }
    }
  }

  /**
   * Signs once before connecting: the first signature loads and initializes the ed25519 code, which
   * on a cold, busy JVM can take longer than the server's authentication timeout (2 s) if it
   * happens during the handshake.
   */
  private static AuthHandler warmedUp(AuthHandler handler, NatsAuth auth) {
    try {
      handler.sign("trellis-warm-up".getBytes(StandardCharsets.UTF_8));
      return handler;
    } catch (RuntimeException e) {
      throw new NatsAuthException("cannot sign with " + auth.describe() + ": " + e.getMessage(), e);
    }
  }

  /** The first line of a secret file without surrounding whitespace; never empty. */
  private static char[] secret(Path file, String what) {
    byte[] bytes = readFile(file, what);
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    Arrays.fill(bytes, (byte) 0);
    int newline = text.indexOf('\n');
    String line = (newline < 0 ? text : text.substring(0, newline)).strip();
    if (line.isEmpty()) {
      throw new NatsAuthException(what + " " + file + " is empty");
    }
    return line.toCharArray();
  }

  private static void checkUserSeed(char[] seed, Path file) {
    try {
      NKey key = NKey.fromSeed(seed);
      if (key.getType() != NKey.Type.USER) {
        throw new NatsAuthException(
            "NATS NKey seed file " + file + " holds a " + key.getType() + " seed, not a user seed");
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new NatsAuthException(
          "NATS NKey seed file " + file + " holds no valid NKey seed (expected SU...)", e);
    }
  }

  private static void checkCredsFile(Path file) {
    String text = new String(readFile(file, "NATS credentials file"), StandardCharsets.UTF_8);
    if (!text.contains("-----BEGIN NATS USER JWT-----")
        || !text.contains("-----BEGIN USER NKEY SEED-----")) {
      throw new NatsAuthException(
          "NATS credentials file "
              + file
              + " is not a .creds file (it needs a 'NATS USER JWT' and a 'USER NKEY SEED' block)");
    }
  }

  private static byte[] readFile(Path file, String what) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new NatsAuthException("cannot read " + what + " " + file + " (" + e + ")", e);
    }
  }

  private static boolean isAuthFailure(String text) {
    if (text == null) {
      return false;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.contains("authorization violation")
        || lower.contains("authentication expired")
        || lower.contains("authentication revoked");
  }

  private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  /** Closes a connection, waiting for pending publishes to flush; never throws. */
  public static void closeQuietly(Connection connection) {
    try {
      connection.flush(Duration.ofSeconds(2));
    } catch (Exception e) {
      LOG.debug("nats_flush_on_close_failed error={}", e.toString());
    }
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String name(Connection connection) {
    return connection.getOptions().getConnectionName();
  }

  /**
   * Logs connection events and asynchronous errors instead of jnats' default printing to stderr.
   * Before the first successful connection it stays quiet: that failure is reported once, by the
   * exception {@link #connect} throws.
   */
  private static final class LoggingListener implements ErrorListener, ConnectionListener {
    private volatile boolean connected;
    private volatile boolean down;
    private volatile String firstServerError = "";
    private volatile Exception firstException;
    private final java.util.concurrent.CompletableFuture<String> refused =
        new java.util.concurrent.CompletableFuture<>();

    /** Completes with the server's error when it refuses the credentials before connecting. */
    java.util.concurrent.CompletableFuture<String> refused() {
      return refused;
    }

    /** The first exception of a connection attempt before the connection was established. */
    java.util.Optional<Exception> firstException() {
      return java.util.Optional.ofNullable(firstException);
    }

    /** The first error the server sent before the connection was established, or empty. */
    String firstServerError() {
      return firstServerError;
    }

    @Override
    @SuppressWarnings("deprecation") // jnats still declares the two-argument form abstract
    public void connectionEvent(Connection connection, Events event) {
      connectionEvent(connection, event, System.currentTimeMillis(), "");
    }

    @Override
    public void connectionEvent(Connection connection, Events event, Long time, String uri) {
      switch (event) {
        case CONNECTED -> connected = true;
        case DISCONNECTED -> {
          if (connected && !down) {
            LOG.warn("nats_disconnected name={}", name(connection));
          }
          down = true;
        }
        case RECONNECTED -> {
          down = false;
          LOG.info("nats_reconnected name={}", name(connection));
        }
        default -> LOG.debug("nats_event name={} event={}", name(connection), event);
      }
    }

    @Override
    public void errorOccurred(Connection connection, String error) {
      if (!connected) {
        if (firstServerError.isEmpty()) {
          firstServerError = error;
        }
        if (isAuthFailure(error)) {
          refused.complete(error);
        }
        LOG.debug("nats_connect_error name={} error={}", name(connection), error);
        return;
      }
      LOG.warn("nats_error name={} error={}", name(connection), error);
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exp) {
      if (connected && !down) {
        LOG.warn("nats_exception name={} error={}", name(connection), exp.toString());
      } else {
        if (!connected && firstException == null) {
          firstException = exp;
        }
        LOG.debug("nats_connect_attempt_failed name={} error={}", name(connection), exp.toString());
      }
    }
  }
}
