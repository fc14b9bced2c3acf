package dev.trellis.scheduler.inventory;

import dev.trellis.proto.MalformedMessageException;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.v2.HostHeartbeat;
import dev.trellis.scheduler.SchedulerException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live hosts of a lattice, read from the newest heartbeat of each host kept in JetStream. A
 * host is live while its last beat is younger than {@value #TTL_INTERVALS} of its own intervals (or
 * a fixed TTL when one is given). Malformed heartbeats are skipped with a warning; they never hide
 * the other hosts.
 */
public final class HostInventory {
  /** How many missed intervals make a host stale. */
  public static final int TTL_INTERVALS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(HostInventory.class);
  private static final int STREAM_NOT_FOUND = 10059;
  private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

  private final Connection connection;
  private final Clock clock;
  private final String stream;

  /** The hosts of the default lattice. */
  public HostInventory(Connection connection, Clock clock) {
    this(connection, clock, Subjects.DEFAULT_LATTICE);
  }

  /** The hosts of {@code lattice}, from its own heartbeat stream. */
  public HostInventory(Connection connection, Clock clock, String lattice) {
    this.connection = connection;
    this.clock = clock;
    this.stream = Subjects.heartbeatStream(lattice);
  }

  /**
   * The live hosts, ordered by friendly name then id. {@code ttl} overrides the per-host TTL of
   * {@value #TTL_INTERVALS} intervals.
   */
  public List<HostView> liveHosts(Optional<Duration> ttl) {
    Instant now = clock.instant();
    List<HostView> live = new ArrayList<>();
    for (HostView view : lastHeartbeats()) {
      Duration limit = ttl.orElse(view.interval().multipliedBy(TTL_INTERVALS));
      if (view.isLive(now, limit)) {
        live.add(view);
      }
    }
    live.sort(
        Comparator.comparing((HostView v) -> v.heartbeat().getFriendlyName())
            .thenComparing(HostView::hostId));
    return List.copyOf(live);
  }

  /** The newest well-formed heartbeat of every host the stream remembers, stale ones included. */
  public List<HostView> lastHeartbeats() {
    try {
      JetStreamManagement jsm = connection.jetStreamManagement();
      Optional<StreamInfo> info = streamInfo(jsm, stream);
      if (info.isEmpty()) {
        return List.of();
      }
      List<Subject> subjects = info.get().getStreamState().getSubjects();
      List<HostView> views = new ArrayList<>();
      for (Subject subject : subjects == null ? List.<Subject>of() : subjects) {
        read(jsm, stream, subject.getName()).ifPresent(views::add);
      }
      return views;
    } catch (IOException e) {
      throw new SchedulerException(
          "cannot read heartbeats from JetStream stream " + stream + ": " + e.getMessage(), e);
    }
  }

  private static Optional<StreamInfo> streamInfo(JetStreamManagement jsm, String stream)
      throws IOException {
    try {
      return Optional.of(jsm.getStreamInfo(stream, StreamInfoOptions.allSubjects()));
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
        return Optional.empty(); // no host has ever joined this lattice
      }
      throw new SchedulerException("cannot read stream " + stream + ": " + e.getMessage(), e);
    }
  }

  private static Optional<HostView> read(JetStreamManagement jsm, String stream, String subject)
      throws IOException {
    MessageInfo message;
    try {
      message = jsm.getLastMessage(stream, subject);
    } catch (JetStreamApiException e) {
      return Optional.empty(); // purged between the listing and the read: the host left
    }
    try {
      HostHeartbeat beat = ProtoJson.decode(message.getData(), HostHeartbeat.getDefaultInstance());
      if (beat.getId().isEmpty()) {
        LOG.warn("heartbeat_ignored subject={} reason=missing_host_id", subject);
        return Optional.empty();
      }
      return Optional.of(
          new HostView(beat, message.getTime().toInstant(), interval(message, subject)));
    } catch (MalformedMessageException e) {
      LOG.warn("heartbeat_ignored subject={} reason={}", subject, e.getMessage());
      return Optional.empty();
    }
  }

  private static Duration interval(MessageInfo message, String subject) {
    var headers = message.getHeaders();
    String value = headers == null ? null : headers.getFirst(Subjects.HEARTBEAT_INTERVAL_HEADER);
    if (value == null) {
      return DEFAULT_INTERVAL; // other host implementations beat at the V2 default
    }
    try {
      long millis = Long.parseLong(value.strip());
      return millis > 0 ? Duration.ofMillis(millis) : DEFAULT_INTERVAL;
    } catch (NumberFormatException e) {
      LOG.warn("heartbeat_interval_header_invalid subject={} value={}", subject, value);
      return DEFAULT_INTERVAL;
    }
  }
}
