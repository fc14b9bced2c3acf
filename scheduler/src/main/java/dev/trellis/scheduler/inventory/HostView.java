package dev.trellis.scheduler.inventory;

import dev.trellis.proto.v2.HostHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One live host as the lattice last saw it: its newest heartbeat, when that arrived, and the
 * interval the host promised, from which staleness is judged.
 *
 * @param heartbeat the newest heartbeat
 * @param lastSeen when the NATS server stored it
 * @param interval the host's heartbeat interval (from the beat's header, else the default)
 */
public record HostView(HostHeartbeat heartbeat, Instant lastSeen, Duration interval) {
  /** The host's id. */
  public String hostId() {
    return heartbeat.getId();
  }

  /** The host's labels, built-in ones included. */
  public Map<String, String> labels() {
    return heartbeat.getLabelsMap();
  }

  /** How long the host has been up at {@code now}, per its own start time. */
  public Duration uptime(Instant now) {
    Instant started =
        Instant.ofEpochSecond(
            heartbeat.getStartedAt().getSeconds(), heartbeat.getStartedAt().getNanos());
    Duration uptime = Duration.between(started, now);
    return uptime.isNegative() ? Duration.ZERO : uptime;
  }

  /** Whether the heartbeat is younger than {@code ttl} at {@code now}. */
  public boolean isLive(Instant now, Duration ttl) {
    return Duration.between(lastSeen, now).compareTo(ttl) < 0;
  }
}
