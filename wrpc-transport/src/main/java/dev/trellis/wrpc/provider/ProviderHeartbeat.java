package dev.trellis.wrpc.provider;

import dev.trellis.proto.Subjects;
import dev.trellis.wrpc.nats.ServerStats;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a provider's health on {@code trellis.provider.heartbeat.{providerId}} every interval
 * (and once more when it drains and when it stops), so operators and schedulers see it alive, what
 * it serves and how busy it is. The payload is a small flat JSON object written by hand: five
 * fields do not justify a JSON library in this module.
 */
final class ProviderHeartbeat implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderHeartbeat.class);

  private final Connection connection;
  private final ProviderConfig config;
  private final List<String> subjects;
  private final Supplier<ServerStats> stats;
  private final Clock clock;
  private final Instant startedAt;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("trellis-provider-heartbeat").factory());

  ProviderHeartbeat(
      Connection connection,
      ProviderConfig config,
      List<String> subjects,
      Supplier<ServerStats> stats,
      Clock clock) {
    this.connection = connection;
    this.config = config;
    this.subjects = List.copyOf(subjects);
    this.stats = stats;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  void start() {
    long every = config.heartbeatInterval().toMillis();
    timer.scheduleAtFixedRate(() -> publish("serving"), 0, every, TimeUnit.MILLISECONDS);
  }

  /** Publishes one heartbeat now with {@code state} ({@code serving}, {@code draining}, ...). */
  void publish(String state) {
    Headers headers =
        new Headers()
            .put(
                Subjects.HEARTBEAT_INTERVAL_HEADER,
                Long.toString(config.heartbeatInterval().toMillis()));
    try {
      connection.publish(
          Subjects.providerHeartbeat(config.providerId()),
          headers,
          json(state).getBytes(StandardCharsets.UTF_8));
    } catch (IllegalStateException e) {
      LOG.debug("provider_heartbeat_skipped id={} error={}", config.providerId(), e.getMessage());
    }
  }

  String json(String state) {
    ServerStats s = stats.get();
    StringBuilder out = new StringBuilder("{");
    field(out, "id", config.providerId()).append(',');
    field(out, "prefix", config.transport().prefix()).append(',');
    field(out, "state", state).append(',');
    field(out, "started_at", startedAt.toString()).append(',');
    field(out, "time", clock.instant().toString()).append(',');
    out.append("\"in_flight\":").append(s.inFlight()).append(',');
    out.append("\"served\":").append(s.served()).append(',');
    out.append("\"failed\":").append(s.failed()).append(',');
    out.append("\"interval_ms\":").append(config.heartbeatInterval().toMillis()).append(',');
    out.append("\"subjects\":[");
    for (int i = 0; i < subjects.size(); i++) {
      out.append(i == 0 ? "" : ",");
      quote(out, subjects.get(i));
    }
    return out.append("]}").toString();
  }

  private static StringBuilder field(StringBuilder out, String name, String value) {
    quote(out, name).append(':');
    return quote(out, value);
  }

  private static StringBuilder quote(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"');
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
