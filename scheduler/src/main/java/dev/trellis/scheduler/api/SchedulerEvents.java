package dev.trellis.scheduler.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.proto.Subjects;
import io.nats.client.Connection;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link SchedulerEvent}s as CloudEvents 1.0 JSON ({@code specversion, id, source, type,
 * time, datacontenttype, data}) on {@code trellis.evt.{lattice}.{event}}, type {@code
 * dev.trellis.scheduler.{event}}, source the scheduler's id. Fire and forget, like wadm's
 * notifications: an event lost while NATS is down is not retried (the KV bucket stays the truth).
 * Clock and ids are injected so tests see fixed values.
 */
public final class SchedulerEvents {
  /** Prefix of the CloudEvent {@code type} of every scheduler event. */
  public static final String TYPE_PREFIX = "dev.trellis.scheduler.";

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerEvents.class);

  private final Connection connection;
  private final String lattice;
  private final String source;
  private final Clock clock;
  private final Supplier<String> ids;

  public SchedulerEvents(
      Connection connection, String lattice, String source, Clock clock, Supplier<String> ids) {
    this.connection = connection;
    this.lattice = Subjects.token("lattice", lattice);
    this.source = source;
    this.clock = clock;
    this.ids = ids;
  }

  /** Events from {@code source} with the system clock and random UUIDs. */
  public static SchedulerEvents system(Connection connection, String lattice, String source) {
    return new SchedulerEvents(
        connection, lattice, source, Clock.systemUTC(), () -> UUID.randomUUID().toString());
  }

  /** Publishes {@code event}. */
  public void publish(SchedulerEvent event) {
    String subject = Subjects.schedulerEvent(lattice, event.eventName());
    connection.publish(subject, ApiJson.bytes(cloudEvent(event)));
    LOG.debug("scheduler_event_published subject={} app={}", subject, event.name());
  }

  /** {@code event} as a CloudEvents 1.0 JSON envelope. */
  public ObjectNode cloudEvent(SchedulerEvent event) {
    ObjectNode envelope = ApiJson.JSON.createObjectNode();
    envelope.put("specversion", "1.0");
    envelope.put("id", ids.get());
    envelope.put("source", source);
    envelope.put("type", TYPE_PREFIX + event.eventName());
    envelope.put("time", clock.instant().toString());
    envelope.put("datacontenttype", "application/json");
    envelope.set("data", data(event));
    return envelope;
  }

  private ObjectNode data(SchedulerEvent event) {
    ObjectNode data = ApiJson.JSON.createObjectNode();
    data.put("lattice", lattice);
    data.put("name", event.name());
    switch (event) {
      case SchedulerEvent.ManifestPublished published -> data.put("version", published.version());
      case SchedulerEvent.ManifestUnpublished unpublished -> {
        ArrayNode versions = data.putArray("versions");
        unpublished.versions().forEach(versions::add);
        data.put("removed_application", unpublished.removedApplication());
      }
      case SchedulerEvent.AppDeployed deployed -> {
        data.put("version", deployed.version());
        deployed
            .previousVersion()
            .ifPresentOrElse(
                v -> data.put("previous_version", v), () -> data.putNull("previous_version"));
      }
      case SchedulerEvent.AppUndeployed undeployed -> data.put("version", undeployed.version());
    }
    return data;
  }
}
