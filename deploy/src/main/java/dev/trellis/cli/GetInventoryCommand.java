package dev.trellis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.nats.NatsConnector;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.scheduler.inventory.HostInventory;
import dev.trellis.scheduler.inventory.HostView;
import io.nats.client.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trellis get inventory [HOST]}: what each live host runs. Hosts come from their newest
 * heartbeats (workload and component counts); each Trellis host is asked for the status of every
 * workload it holds. Hosts that do not answer that request (other implementations) show their
 * heartbeat counts only.
 */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    description = "List the workloads of every live host (or of one).")
final class GetInventoryCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin NatsOptions nats;

  @Option(
      names = "--lattice",
      defaultValue = "${env:TRELLIS_LATTICE:-default}",
      description = "Lattice name (default: ${DEFAULT-VALUE}). Env: TRELLIS_LATTICE.")
  String lattice;

  @Parameters(arity = "0..1", paramLabel = "HOST", description = "Only this host (its id).")
  String host;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  WorkloadCommand.Output output;

  @Option(
      names = "--wait",
      defaultValue = "2s",
      description = "How long to wait for each host's inventory (default: ${DEFAULT-VALUE}).")
  Duration wait;

  /** One host's view. */
  record HostInventoryView(HostView host, Optional<List<WorkloadStatus>> workloads) {}

  @Override
  public void run() {
    Connection connection = NatsConnector.connect(nats.config("trellis-cli"));
    try {
      List<HostView> hosts =
          new HostInventory(connection, Clock.systemUTC(), lattice).liveHosts(Optional.empty());
      HostApiClient client = new HostApiClient(connection, lattice, wait);
      List<HostInventoryView> views = new ArrayList<>();
      for (HostView view : hosts) {
        if (host == null || host.equals(view.hostId())) {
          views.add(
              new HostInventoryView(view, client.inventory(view.hostId(), wait).map(this::parse)));
        }
      }
      if (host != null && views.isEmpty()) {
        throw new IllegalArgumentException(
            "no live host '" + host + "'; `trellis get hosts` lists the live hosts");
      }
      System.out.print(output == WorkloadCommand.Output.json ? json(views) : table(views));
      System.out.flush();
    } finally {
      NatsConnector.closeQuietly(connection);
    }
  }

  private List<WorkloadStatus> parse(byte[] reply) {
    try {
      List<WorkloadStatus> out = new ArrayList<>();
      for (JsonNode node : JSON.readTree(reply).path("workloads")) {
        out.add(
            ProtoJson.decode(
                node.toString().getBytes(StandardCharsets.UTF_8),
                WorkloadStatus.getDefaultInstance()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("malformed inventory reply", e);
    }
  }

  static String table(List<HostInventoryView> views) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"HOST ID", "NAME", "WORKLOAD", "STATE", "COMPONENTS", "MESSAGE"});
    for (HostInventoryView v : views) {
      String id = v.host().hostId();
      String name = v.host().heartbeat().getFriendlyName();
      if (v.workloads().isEmpty()) {
        rows.add(
            new String[] {
              id,
              name,
              v.host().heartbeat().getWorkloadCount() + " (count only)",
              "-",
              Long.toString(v.host().heartbeat().getComponentCount()),
              "host does not list its workloads"
            });
      } else if (v.workloads().get().isEmpty()) {
        rows.add(new String[] {id, name, "-", "-", "-", ""});
      }
      for (WorkloadStatus w : v.workloads().orElse(List.of())) {
        rows.add(
            new String[] {
              id,
              name,
              w.getWorkloadId(),
              WorkloadCommand.state(w.getWorkloadState().name()),
              Integer.toString(w.getComponentsCount()),
              w.getMessage()
            });
      }
    }
    return Tables.render(rows)
        + (views.isEmpty() ? "(no live hosts)" + System.lineSeparator() : "");
  }

  static String json(List<HostInventoryView> views) {
    ArrayNode array = JSON.createArrayNode();
    try {
      for (HostInventoryView v : views) {
        ObjectNode node = array.addObject();
        node.put("hostId", v.host().hostId());
        node.put("friendlyName", v.host().heartbeat().getFriendlyName());
        node.put("workloadCount", v.host().heartbeat().getWorkloadCount());
        node.put("componentCount", v.host().heartbeat().getComponentCount());
        if (v.workloads().isPresent()) {
          ArrayNode workloads = node.putArray("workloads");
          for (WorkloadStatus w : v.workloads().get()) {
            workloads.add(JSON.readTree(ProtoJson.print(w)));
          }
        }
      }
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array)
          + System.lineSeparator();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
