package dev.trellis.nats;

import dev.trellis.proto.Subjects;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JetStream stream that keeps each host's newest heartbeat, so that {@code trellis get hosts}
 * and a starting scheduler see the lattice at once instead of waiting a heartbeat interval. Memory
 * storage: it only mirrors what hosts re-publish every few seconds anyway.
 */
public final class HeartbeatStream {
  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatStream.class);

  /** Heartbeats older than this are dropped by the server even if nobody reads them. */
  public static final Duration MAX_AGE = Duration.ofMinutes(10);

  private static final int STREAM_NAME_IN_USE = 10058;

  private HeartbeatStream() {}

  /** {@link #ensure(Connection, String)} for the default lattice. */
  public static void ensure(Connection connection) {
    ensure(connection, Subjects.DEFAULT_LATTICE);
  }

  /** {@link #ensure(Connection, String, int)} with one replica. */
  public static void ensure(Connection connection, String lattice) {
    ensure(connection, lattice, StorageReplicas.DEFAULT);
  }

  /**
   * Creates the stream of {@code lattice} with {@code replicas} copies when it does not exist yet;
   * an existing one is left as it is (with a warning if it keeps another number of replicas).
   * Several hosts may race here: the loser's "already exists" is success.
   */
  public static void ensure(Connection connection, String lattice, int replicas) {
    StorageReplicas.check("heartbeat stream replicas", replicas);
    String stream = Subjects.heartbeatStream(lattice);
    StreamConfiguration config =
        StreamConfiguration.builder()
            .name(stream)
            .subjects(Subjects.allHeartbeats(lattice))
            .storageType(StorageType.Memory)
            .replicas(replicas)
            .maxMessagesPerSubject(1)
            .maxAge(MAX_AGE)
            .discardPolicy(DiscardPolicy.Old)
            .build();
    try {
      JetStreamManagement jsm = connection.jetStreamManagement();
      try {
        StreamInfo existing = jsm.getStreamInfo(stream);
        StorageReplicas.warnIfDifferent(
            LOG, "stream", stream, existing.getConfiguration().getReplicas(), replicas);
        return;
      } catch (JetStreamApiException notFound) {
        LOG.debug("heartbeat_stream_missing error={}", notFound.getMessage());
      }
      jsm.addStream(config);
      LOG.info("heartbeat_stream_created stream={} replicas={}", stream, replicas);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
        throw new NatsUnavailableException(
            "cannot create JetStream stream "
                + stream
                + StorageReplicas.createHint(replicas)
                + ": "
                + e.getMessage(),
            e);
      }
    } catch (IOException e) {
      throw new NatsUnavailableException(
          "cannot reach JetStream to set up "
              + stream
              + " (is JetStream enabled on the NATS server?): "
              + e.getMessage(),
          e);
    }
  }

  /** {@link #forget(Connection, String, String)} in the default lattice. */
  public static void forget(Connection connection, String hostId) {
    forget(connection, Subjects.DEFAULT_LATTICE, hostId);
  }

  /** Removes a host's last heartbeat, so a host that stops cleanly leaves the listing at once. */
  public static void forget(Connection connection, String lattice, String hostId) {
    try {
      connection
          .jetStreamManagement()
          .purgeStream(
              Subjects.heartbeatStream(lattice),
              io.nats.client.PurgeOptions.subject(Subjects.heartbeat(lattice, hostId)));
    } catch (IOException | JetStreamApiException e) {
      LOG.warn("heartbeat_forget_failed host_id={} error={}", hostId, e.getMessage());
    }
  }
}
