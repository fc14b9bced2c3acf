package dev.trellis.host.workload;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import io.nats.client.Connection;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link WorkloadEvent}s as CloudEvents 1.0 JSON ({@code specversion, id, source, type,
 * time, datacontenttype, data}) on {@code trellis.evt.{lattice}.{event}}, type {@code
 * dev.trellis.host.{event}}, source the host id. Fire and forget: an event lost while NATS is down
 * is not retried (workload status stays the truth). The envelope is built as a protobuf {@code
 * Struct} and printed with the lattice's one JSON codec.
 */
public final class NatsWorkloadEvents implements WorkloadEvents {
  /** Prefix of the CloudEvent {@code type} of every host event. */
  public static final String TYPE_PREFIX = "dev.trellis.host.";

  private static final Logger LOG = LoggerFactory.getLogger(NatsWorkloadEvents.class);

  private final Connection connection;
  private final String lattice;
  private final String hostId;
  private final Clock clock;
  private final Supplier<String> ids;

  public NatsWorkloadEvents(
      Connection connection, String lattice, String hostId, Clock clock, Supplier<String> ids) {
    this.connection = connection;
    this.lattice = Subjects.token("lattice", lattice);
    this.hostId = hostId;
    this.clock = clock;
    this.ids = ids;
  }

  /** Events with random UUIDs as ids. */
  public static NatsWorkloadEvents of(
      Connection connection, String lattice, String hostId, Clock clock) {
    return new NatsWorkloadEvents(
        connection, lattice, hostId, clock, () -> UUID.randomUUID().toString());
  }

  @Override
  public void publish(WorkloadEvent event) {
    String subject = Subjects.hostEvent(lattice, event.eventName());
    try {
      connection.publish(subject, ProtoJson.encode(cloudEvent(event)));
      LOG.debug("workload_event_published subject={} workload_id={}", subject, event.workloadId());
    } catch (RuntimeException e) {
      LOG.warn("workload_event_lost subject={} error={}", subject, e.toString());
    }
  }

  /** {@code event} as a CloudEvents 1.0 envelope. */
  public Struct cloudEvent(WorkloadEvent event) {
    return Struct.newBuilder()
        .putFields("specversion", text("1.0"))
        .putFields("id", text(ids.get()))
        .putFields("source", text(hostId))
        .putFields("type", text(TYPE_PREFIX + event.eventName()))
        .putFields("time", text(clock.instant().toString()))
        .putFields("datacontenttype", text("application/json"))
        .putFields("data", Value.newBuilder().setStructValue(data(event)).build())
        .build();
  }

  private Struct data(WorkloadEvent event) {
    Struct.Builder data =
        Struct.newBuilder()
            .putFields("lattice", text(lattice))
            .putFields("host_id", text(hostId))
            .putFields("workload_id", text(event.workloadId()))
            .putFields("name", text(event.name()));
    switch (event) {
      case WorkloadEvent.Started s -> {
        ListValue.Builder names = ListValue.newBuilder();
        s.components().forEach(c -> names.addValues(text(c)));
        data.putFields("namespace", text(s.namespace()));
        data.putFields("components", Value.newBuilder().setListValue(names).build());
      }
      case WorkloadEvent.Stopped s -> data.putFields("message", text(s.message()));
      case WorkloadEvent.Failed f -> data.putFields("message", text(f.message()));
    }
    return data.build();
  }

  private static Value text(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }
}
