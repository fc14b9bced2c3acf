package dev.trellis.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.nats.NatsConnector;
import dev.trellis.proto.ProtoJson;
import dev.trellis.scheduler.inventory.HostInventory;
import dev.trellis.scheduler.inventory.HostView;
import io.nats.client.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trellis get hosts}: the live hosts of the lattice from their newest heartbeats, as a table
 * or as JSON (each host's proto3-JSON heartbeat plus {@code lastSeen} and {@code uptimeSeconds}).
 */
@Command(
    name = "hosts",
    mixinStandardHelpOptions = true,
    description = "List live hosts (id, name, labels, uptime, version).")
final class GetHostsCommand implements Runnable {
  enum Output {
    table,
    json
  }

  @Mixin NatsOptions nats;

  @Option(
      names = "--lattice",
      defaultValue = "${env:TRELLIS_LATTICE:-default}",
      description = "Lattice name (default: ${DEFAULT-VALUE}). Env: TRELLIS_LATTICE.")
  String lattice;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  Output output;

  @Option(
      names = "--ttl",
      description =
          "Treat hosts as gone after this long without a heartbeat"
              + " (default: 3 of each host's intervals).")
  Duration ttl;

  @Override
  public void run() {
    Connection connection = NatsConnector.connect(nats.config("trellis-cli"));
    try {
      Clock clock = Clock.systemUTC();
      List<HostView> hosts =
          new HostInventory(connection, clock, lattice).liveHosts(Optional.ofNullable(ttl));
      Instant now = clock.instant();
      System.out.print(output == Output.json ? json(hosts, now) : table(hosts, now));
      System.out.flush();
    } finally {
      NatsConnector.closeQuietly(connection);
    }
  }

  static String json(List<HostView> hosts, Instant now) {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode array = mapper.createArrayNode();
    try {
      for (HostView host : hosts) {
        ObjectNode node = (ObjectNode) mapper.readTree(ProtoJson.print(host.heartbeat()));
        node.put("lastSeen", host.lastSeen().toString());
        node.put("uptimeSeconds", host.uptime(now).toSeconds());
        node.put("heartbeatIntervalMs", host.interval().toMillis());
        array.add(node);
      }
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array)
          + System.lineSeparator();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String table(List<HostView> hosts, Instant now) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"HOST ID", "NAME", "LABELS", "UPTIME", "VERSION"});
    for (HostView host : hosts) {
      String labels =
          host.labels().entrySet().stream()
              .filter(e -> !e.getKey().startsWith("hostcore."))
              .sorted(java.util.Map.Entry.comparingByKey())
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(","));
      rows.add(
          new String[] {
            host.hostId(),
            host.heartbeat().getFriendlyName(),
            labels.isEmpty() ? "-" : labels,
            Durations.format(host.uptime(now)),
            host.heartbeat().getVersion()
          });
    }
    return Tables.render(rows)
        + (hosts.isEmpty() ? "(no live hosts)" + System.lineSeparator() : "");
  }
}
