package dev.trellis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.trellis.proto.v2.HostHeartbeat;
import dev.trellis.scheduler.inventory.HostView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliUnitTest {
  @Test
  void metricsAddressesAndOtlpEndpointsAreCheckedWithTheFlagInTheError() {
    ObservabilityOptions options = new ObservabilityOptions();
    options.metricsAddr = "127.0.0.1:9464";
    assertEquals(9464, options.metricsAddress().orElseThrow().getPort());
    assertEquals("127.0.0.1", options.metricsAddress().orElseThrow().getHostString());
    options.metricsAddr = ":0";
    assertTrue(options.metricsAddress().orElseThrow().getAddress().isAnyLocalAddress());
    options.metricsAddr = "[::1]:9464";
    assertTrue(options.metricsAddress().orElseThrow().getAddress().isLoopbackAddress());
    options.metricsAddr = "9464";
    assertEquals(
        "--metrics-addr '9464': expected HOST:PORT, e.g. 127.0.0.1:9464",
        assertThrows(IllegalArgumentException.class, options::metricsAddress).getMessage());
    options.metricsAddr = "localhost:99999";
    assertEquals(
        "--metrics-addr 'localhost:99999': the port must be a number in 0..65535",
        assertThrows(IllegalArgumentException.class, options::metricsAddress).getMessage());
    options.metricsAddr = null;
    assertTrue(options.metricsAddress().isEmpty());

    assertTrue(options.tracesEndpoint().isEmpty());
    options.otlpEndpoint = "ftp://collector:4318";
    assertEquals(
        "--otlp-endpoint 'ftp://collector:4318': expected an http:// or https:// URL, e.g."
            + " http://127.0.0.1:4318",
        assertThrows(IllegalArgumentException.class, options::tracesEndpoint).getMessage());
  }

  @Test
  void theLogFormatComesFromTheFlagThenTheEnvironment() {
    assertEquals("json", Main.logFormat(new String[] {"host", "--log-format", "json"}, null));
    assertEquals("json", Main.logFormat(new String[] {"--log-format=json", "up"}, "text"));
    assertEquals("json", Main.logFormat(new String[] {"host"}, "json"));
    assertEquals("text", Main.logFormat(new String[] {"host"}, null));
    assertEquals(
        "text", Main.logFormat(new String[] {"run", "x.wasm", "--", "--log-format", "json"}, ""));
  }

  @Test
  void parsesDurationsAsTyped() {
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
    assertEquals(Duration.ofSeconds(15), Durations.parse("15s"));
    assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
    assertEquals(Duration.ofSeconds(3), Durations.parse("PT3S"));
    var error = assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"));
    assertEquals("'soon' is not a duration; use e.g. 500ms, 15s, 2m or 1h", error.getMessage());
    assertEquals("1h2m3s", Durations.format(Duration.ofSeconds(3723)));
    assertEquals("0m5s".substring(2), Durations.format(Duration.ofSeconds(5)));
  }

  @Test
  void conflictingNatsCredentialFlagsAreAUsageErrorNamingBoth() {
    StringWriter err = new StringWriter();
    var commandLine = TrellisCommand.commandLine();
    commandLine.setErr(new PrintWriter(err));
    int code =
        commandLine.execute(
            "get",
            "hosts",
            "--nats",
            "nats://127.0.0.1:1",
            "--nats-creds",
            "host.creds",
            "--nats-token-file",
            "token");
    assertEquals(2, code, err.toString());
    assertTrue(
        err.toString()
            .startsWith(
                "trellis: --nats-creds and --nats-token-file cannot be used together: choose one"
                    + " way to authenticate to NATS"),
        err.toString());
    assertTrue(err.toString().contains("Try 'trellis get hosts --help'."), err.toString());

    StringWriter half = new StringWriter();
    var again = TrellisCommand.commandLine();
    again.setErr(new PrintWriter(half));
    assertEquals(
        2,
        again.execute("workload", "status", "w1", "--host", "h1", "--nats-tls-cert", "client.pem"));
    assertTrue(
        half.toString().startsWith("trellis: --nats-tls-cert needs --nats-tls-key"),
        half.toString());
  }

  @Test
  void labelsComeFromTrellisLabelVariables() {
    var labels =
        HostOptions.labelsFromEnvironment(
            Map.of("TRELLIS_LABEL_REGION", "eu-west", "TRELLIS_LABEL_", "x", "PATH", "/bin"));
    assertEquals(Map.of("region", "eu-west"), labels);
  }

  @Test
  void flagsOverrideEnvironmentLabels() {
    HostOptions options = new HostOptions();
    options.heartbeatInterval = Duration.ofSeconds(15);
    options.labels.put("region", "us-east");
    var config = options.toConfig(Map.of("TRELLIS_LABEL_REGION", "eu-west"));
    assertEquals("us-east", config.labels().get("region"));
  }

  @Test
  void tableShowsUserLabelsAndUptime() {
    Instant now = Instant.parse("2026-11-21T12:00:00Z");
    HostHeartbeat beat =
        HostHeartbeat.newBuilder()
            .setId("H1")
            .setFriendlyName("calm-otter-1")
            .setVersion("0.1.0")
            .putLabels("zone", "a")
            .putLabels("hostcore.os", "linux")
            .setStartedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond() - 65))
            .build();
    String table =
        GetHostsCommand.table(List.of(new HostView(beat, now, Duration.ofSeconds(15))), now);
    assertEquals(
        "HOST ID  NAME          LABELS  UPTIME  VERSION"
            + System.lineSeparator()
            + "H1       calm-otter-1  zone=a  1m5s    0.1.0"
            + System.lineSeparator(),
        table);
  }

  @Test
  void helpListsOnlyWorkingCommands() {
    StringWriter out = new StringWriter();
    var commandLine = TrellisCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    assertEquals(0, commandLine.execute("--help"));
    String help = out.toString();
    List<String> commands =
        List.of(
            "up",
            "run",
            "host",
            "scheduler",
            "app",
            "config",
            "get",
            "inspect",
            "workload",
            "push",
            "provider",
            "version",
            "help");
    for (String command : commands) {
      assertTrue(help.contains("  " + command + " "), help);
    }
    assertEquals(commands, List.copyOf(commandLine.getSubcommands().keySet()));
  }

  @Test
  void everyCommandAnswersHelpWithItsUsage() {
    List<picocli.CommandLine> pending = new java.util.ArrayList<>();
    pending.add(TrellisCommand.commandLine());
    int checked = 0;
    while (!pending.isEmpty()) {
      picocli.CommandLine command = pending.removeFirst();
      pending.addAll(command.getSubcommands().values());
      if (command.getCommandName().equals("help")) {
        continue; // picocli's own help command, which takes a command name
      }
      List<String> path = new java.util.ArrayList<>();
      for (var c = command; c.getParent() != null; c = c.getParent()) {
        path.addFirst(c.getCommandName());
      }
      path.add("--help");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      var root = TrellisCommand.commandLine();
      root.setOut(new PrintWriter(out));
      root.setErr(new PrintWriter(err));
      int exit = root.execute(path.toArray(String[]::new));
      assertEquals(0, exit, path + ": " + err);
      assertTrue(out.toString().startsWith("Usage: trellis"), path + ": " + out + err);
      checked++;
    }
    assertTrue(checked > 20, "checked " + checked + " commands");
  }

  @Test
  void badFlagsAreRejectedWithAMessage() {
    StringWriter err = new StringWriter();
    var commandLine = TrellisCommand.commandLine();
    commandLine.setErr(new PrintWriter(err));
    assertEquals(2, commandLine.execute("get", "hosts", "--output", "yaml"));
    assertTrue(err.toString().contains("--output"), err.toString());
  }

  @Test
  void aProviderServesUnderItsHostGroupAndNameUnlessGivenAPrefix() {
    assertEquals("default.keyvalue-redis", providerPrefix());
    assertEquals(
        "edge.inventory-kv", providerPrefix("--hostgroup", "edge", "--name", "inventory-kv"));
    assertEquals("it.kv", providerPrefix("--name", "inventory-kv", "--prefix", "it.kv"));
  }

  @Test
  void storageReplicasOutOfRangeAreRefusedNamingTheFlagBeforeConnecting() {
    for (String command : List.of("scheduler", "host")) {
      StringWriter err = new StringWriter();
      var commandLine = TrellisCommand.commandLine();
      commandLine.setErr(new PrintWriter(err));
      int code =
          commandLine.execute(command, "--nats", "nats://127.0.0.1:1", "--storage-replicas", "7");
      assertEquals(2, code, err.toString());
      assertTrue(
          err.toString()
              .startsWith(
                  "trellis: --storage-replicas must be between 1 and 5 (JetStream's limit), got 7"
                      + " (env TRELLIS_STORAGE_REPLICAS sets it too)"),
          err.toString());
      assertTrue(err.toString().contains("Try 'trellis " + command + " --help'."), err.toString());

      StringWriter notANumber = new StringWriter();
      var again = TrellisCommand.commandLine();
      again.setErr(new PrintWriter(notANumber));
      assertEquals(2, again.execute(command, "--storage-replicas", "three"));
      assertTrue(notANumber.toString().contains("--storage-replicas"), notANumber.toString());
    }
    StringWriter up = new StringWriter();
    var commandLine = TrellisCommand.commandLine();
    commandLine.setErr(new PrintWriter(up));
    assertEquals(2, commandLine.execute("up", "--storage-replicas", "3"));
    assertTrue(up.toString().contains("Unknown options: '--storage-replicas'"), up.toString());
  }

  @Test
  void theSchedulerCreatesOneReplicaUnlessToldOtherwise() {
    assertEquals(1, schedulerCommand().config().storageReplicas());
    assertEquals(3, schedulerCommand("--storage-replicas", "3").config().storageReplicas());
  }

  private static SchedulerCommand schedulerCommand(String... flags) {
    List<String> args = new ArrayList<>(List.of("scheduler"));
    args.addAll(List.of(flags));
    var parsed = TrellisCommand.commandLine().parseArgs(args.toArray(String[]::new));
    return (SchedulerCommand) parsed.subcommand().commandSpec().userObject();
  }

  private static String providerPrefix(String... flags) {
    List<String> args = new ArrayList<>(List.of("provider", "keyvalue-redis"));
    args.addAll(List.of(flags));
    var parsed = TrellisCommand.commandLine().parseArgs(args.toArray(String[]::new));
    KeyValueRedisCommand command =
        (KeyValueRedisCommand) parsed.subcommand().subcommand().commandSpec().userObject();
    return command.provider.prefix("keyvalue-redis");
  }
}
