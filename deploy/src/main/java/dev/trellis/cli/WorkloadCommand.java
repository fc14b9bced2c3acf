package dev.trellis.cli;

import dev.trellis.nats.NatsConnector;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.v2.ComponentInfo;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trellis workload start|stop|status --host ID ...}: the Host API spoken directly to one
 * host, as a scheduler would. Prints the returned status as a table or proto3 JSON; exits 1 when
 * the host reports ERROR (or NOT_FOUND for stop).
 */
@Command(
    name = "workload",
    mixinStandardHelpOptions = true,
    description = "Start, stop and inspect workloads on one host through the Host API.",
    subcommands = {
      WorkloadCommand.Start.class,
      WorkloadCommand.Stop.class,
      WorkloadCommand.Status.class
    })
final class WorkloadCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  enum Output {
    table,
    json
  }

  /** Options every workload subcommand shares. */
  static final class Target {
    @Mixin NatsOptions nats;

    @Option(
        names = "--lattice",
        defaultValue = "${env:TRELLIS_LATTICE:-default}",
        description = "Lattice name (default: ${DEFAULT-VALUE}). Env: TRELLIS_LATTICE.")
    String lattice;

    @Option(names = "--host", required = true, description = "The id of the host to ask.")
    String host;

    @Option(
        names = "--timeout",
        defaultValue = "60s",
        description = "How long to wait for the host's answer (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "table or json (default: ${DEFAULT-VALUE}).")
    Output output;

    int ask(Function<HostApiClient, WorkloadStatus> call, List<WorkloadState> failures) {
      Connection connection = NatsConnector.connect(nats.config("trellis-cli"));
      try {
        WorkloadStatus status = call.apply(new HostApiClient(connection, lattice, timeout));
        System.out.print(output == Output.json ? ProtoJson.print(status) + "\n" : table(status));
        System.out.flush();
        return failures.contains(status.getWorkloadState()) ? 1 : 0;
      } finally {
        NatsConnector.closeQuietly(connection);
      }
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a workload.")
  static final class Start implements Callable<Integer> {
    @Mixin Target target;

    @Parameters(paramLabel = "FILE", description = "The workload, as proto3 JSON or YAML.")
    Path file;

    @Option(names = "--id", description = "The workload id (default: workloadId in the file).")
    String id;

    @Override
    public Integer call() {
      var request = WorkloadFiles.read(file, Optional.ofNullable(id));
      return target.ask(
          c -> c.start(target.host, request), List.of(WorkloadState.WORKLOAD_STATE_ERROR));
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a workload.")
  static final class Stop implements Callable<Integer> {
    @Mixin Target target;

    @Parameters(paramLabel = "WORKLOAD", description = "A workload id, or the file that has it.")
    String workload;

    @Override
    public Integer call() {
      String id = WorkloadFiles.workloadId(workload);
      return target.ask(
          c -> c.stop(target.host, id),
          List.of(WorkloadState.WORKLOAD_STATE_ERROR, WorkloadState.WORKLOAD_STATE_NOT_FOUND));
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show a workload.")
  static final class Status implements Callable<Integer> {
    @Mixin Target target;

    @Parameters(paramLabel = "WORKLOAD", description = "A workload id, or the file that has it.")
    String workload;

    @Override
    public Integer call() {
      String id = WorkloadFiles.workloadId(workload);
      return target.ask(c -> c.status(target.host, id), List.of());
    }
  }

  /** A status as a table: the workload line, then one line per component. */
  static String table(WorkloadStatus status) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"WORKLOAD", "STATE", "MESSAGE"});
    rows.add(
        new String[] {
          status.getWorkloadId(), state(status.getWorkloadState().name()), status.getMessage()
        });
    StringBuilder out = new StringBuilder(Tables.render(rows));
    if (status.getComponentsCount() > 0) {
      List<String[]> components = new ArrayList<>();
      components.add(new String[] {"  COMPONENT", "STATE"});
      for (ComponentInfo c : status.getComponentsList()) {
        components.add(new String[] {"  " + c.getName(), state(c.getState().name())});
      }
      out.append(Tables.render(components));
    }
    return out.toString();
  }

  /** {@code WORKLOAD_STATE_RUNNING} → {@code RUNNING}. */
  static String state(String enumName) {
    return enumName.replaceFirst("^(WORKLOAD|COMPONENT)_STATE_", "");
  }
}
