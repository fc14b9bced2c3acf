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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliUnitTest {
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
  void badFlagsAreRejectedWithAMessage() {
    StringWriter err = new StringWriter();
    var commandLine = TrellisCommand.commandLine();
    commandLine.setErr(new PrintWriter(err));
    assertEquals(2, commandLine.execute("get", "hosts", "--output", "yaml"));
    assertTrue(err.toString().contains("--output"), err.toString());
  }
}
