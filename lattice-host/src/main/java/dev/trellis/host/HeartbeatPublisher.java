package dev.trellis.host;

import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a host's heartbeat on {@code [{lattice}.]runtime.operator.heartbeat.{id}} right away
 * and then every interval. Each beat carries the interval in a header so readers can judge
 * staleness per host.
 */
final class HeartbeatPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatPublisher.class);

  private final Connection connection;
  private final HostApi host;
  private final String subject;
  private final Headers headers;
  private final ScheduledExecutorService timer;

  HeartbeatPublisher(Connection connection, HostApi host, HostConfig config) {
    this.connection = connection;
    this.host = host;
    this.subject = Subjects.heartbeat(config.lattice(), config.hostId());
    this.headers =
        new Headers()
            .put(
                Subjects.HEARTBEAT_INTERVAL_HEADER,
                Long.toString(config.heartbeatInterval().toMillis()));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("heartbeat-" + config.hostId()).factory());
    long period = config.heartbeatInterval().toMillis();
    timer.scheduleAtFixedRate(this::beat, 0, period, TimeUnit.MILLISECONDS);
  }

  private void beat() {
    try {
      connection.publish(subject, headers, ProtoJson.encode(host.heartbeat()));
    } catch (RuntimeException e) {
      // A failed beat must not cancel the schedule; the next one retries.
      LOG.warn("heartbeat_publish_failed subject={} error={}", subject, e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
