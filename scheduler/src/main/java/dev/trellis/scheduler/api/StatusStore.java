package dev.trellis.scheduler.api;

import dev.trellis.nats.StorageReplicas;
import dev.trellis.proto.Subjects;
import dev.trellis.scheduler.store.JnatsAdapter;
import io.nats.client.Connection;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application statuses, kept where wadm keeps them: each update is published on {@code
 * wadm.status.{lattice}.{app}} into the JetStream stream {@value Subjects#STATUS_STREAM}, and read
 * back as the newest message of that subject.
 *
 * <p>Why a stream rather than memory or a KV bucket: the publication <em>is</em> the storage, so
 * subscribers (wadm's client, {@code trellis app status --watch}) and the API see the same update
 * with one write; the status survives a scheduler restart; and every replica in the queue group
 * answers {@code status} alike, whichever one the reconciler runs on. The stream is created without
 * direct get so a read goes through the stream leader and sees the newest write.
 */
public final class StatusStore implements StatusSink {
  /** Updates kept per application (wadm keeps 10); only the newest is served. */
  public static final int HISTORY = 10;

  private static final Logger LOG = LoggerFactory.getLogger(StatusStore.class);

  private final JnatsAdapter nats;
  private final String lattice;

  private StatusStore(JnatsAdapter nats, String lattice) {
    this.nats = nats;
    this.lattice = Subjects.token("lattice", lattice);
  }

  /** The status store of {@code lattice}, creating the stream (one replica) if it is missing. */
  public static StatusStore open(Connection connection, String lattice) {
    return open(connection, lattice, StorageReplicas.DEFAULT);
  }

  /**
   * The status store of {@code lattice}, creating the stream with {@code replicas} copies if this
   * is the first scheduler.
   */
  public static StatusStore open(Connection connection, String lattice, int replicas) {
    JnatsAdapter nats = new JnatsAdapter(connection);
    nats.ensureStream(
        StreamConfiguration.builder()
            .name(Subjects.STATUS_STREAM)
            .description("The newest status updates of every wadm/Trellis application")
            .subjects(Subjects.ALL_STATUSES)
            .retentionPolicy(RetentionPolicy.Limits)
            .maxMessagesPerSubject(HISTORY)
            .storageType(StorageType.File)
            .replicas(replicas)
            .allowDirect(false)
            .build());
    return new StatusStore(nats, lattice);
  }

  /** Stores and publishes {@code status} as {@code app}'s current status. */
  @Override
  public void update(String app, AppStatus status) {
    String subject = Subjects.appStatus(lattice, app);
    nats.publishDurably(subject, ApiJson.bytes(ApiJson.status(status)));
    LOG.debug("app_status_updated app={} status={}", app, status.type().wireName());
  }

  /**
   * {@code app}'s newest status, if one was ever published. A status that does not decode (written
   * by something else) is treated as absent, with a warning, as wadm does.
   */
  public Optional<AppStatus> read(String app) {
    if (!Subjects.isToken(app)) {
      return Optional.empty();
    }
    String subject = Subjects.appStatus(lattice, app);
    Optional<byte[]> data = nats.lastMessage(Subjects.STATUS_STREAM, subject);
    try {
      return data.map(bytes -> ApiJson.status(ApiJson.parse(bytes)));
    } catch (ApiJson.MalformedJsonException e) {
      LOG.warn("app_status_unreadable subject={} error={}", subject, e.getMessage());
      return Optional.empty();
    }
  }

  /** Forgets {@code app}'s statuses, once the application is deleted. */
  public void remove(String app) {
    nats.purgeSubject(Subjects.STATUS_STREAM, Subjects.appStatus(lattice, app));
  }
}
