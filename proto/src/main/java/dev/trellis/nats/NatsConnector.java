package dev.trellis.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where jnats connections are made and its checked exceptions become Trellis'
 * unchecked ones. After the first connection succeeds the client reconnects forever; the first
 * connection itself fails fast with a message that names the URL and the likely fix.
 */
public final class NatsConnector {
  private static final Logger LOG = LoggerFactory.getLogger(NatsConnector.class);

  private NatsConnector() {}

  /** Connects, or throws {@link NatsUnavailableException} naming the servers tried. */
  public static Connection connect(NatsClientConfig config) {
    LoggingListener events = new LoggingListener();
    Options options =
        new Options.Builder()
            .servers(config.servers().toArray(String[]::new))
            .connectionName(config.connectionName())
            .connectionTimeout(config.connectTimeout())
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(250))
            .connectionListener(events)
            .errorListener(events)
            .build();
    try {
      return Nats.connect(options);
    } catch (IOException e) {
      throw new NatsUnavailableException(
          "cannot connect to NATS at "
              + String.join(",", config.servers())
              + " ("
              + e.getMessage()
              + "); is a nats-server running there? `trellis up` starts one",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NatsUnavailableException("interrupted while connecting to NATS", e);
    }
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
      LOG.warn("nats_error name={} error={}", name(connection), error);
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exp) {
      if (connected && !down) {
        LOG.warn("nats_exception name={} error={}", name(connection), exp.toString());
      } else {
        LOG.debug("nats_connect_attempt_failed name={} error={}", name(connection), exp.toString());
      }
    }
  }
}
