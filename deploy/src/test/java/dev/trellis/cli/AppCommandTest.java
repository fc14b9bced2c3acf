package dev.trellis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.scheduler.Scheduler;
import dev.trellis.scheduler.SchedulerConfig;
import io.nats.client.Connection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trellis app ...} and {@code trellis scheduler} as a user runs them. */
class AppCommandTest {
  private static final String MANIFEST =
      """
      apiVersion: core.oam.dev/v1beta1
      kind: Application
      metadata:
        name: hello
        annotations: {version: v1}
      spec:
        components:
          - name: api
            type: component
            properties: {image: "file:///tmp/hello.wasm"}
            traits:
              - type: spreadscaler
                properties: {instances: 1}
      """;

  @TempDir Path dir;

  private record Run(int exit, String out) {}

  private static Run run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      int exit = TrellisCommand.commandLine().execute(args);
      return new Run(exit, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void appListsItsSubcommandsAndSchedulerIsRegistered() {
    var commandLine = TrellisCommand.commandLine();
    assertEquals(
        List.of("put", "deploy", "undeploy", "list", "status", "versions", "delete", "validate"),
        List.copyOf(commandLine.getSubcommands().get("app").getSubcommands().keySet()));
    assertTrue(commandLine.getSubcommands().containsKey("scheduler"));
  }

  @Test
  void validateNamesTheProblemAndFailsWithoutNats() throws Exception {
    Path good = Files.writeString(dir.resolve("good.yaml"), MANIFEST);
    Run valid = run("app", "validate", good.toString());
    assertEquals(0, valid.exit());
    assertTrue(valid.out().contains("hello v1 is valid"), valid.out());
    Path bad =
        Files.writeString(
            dir.resolve("bad.yaml"), MANIFEST.replace("instances: 1", "instances: -1"));
    Run invalid = run("app", "validate", bad.toString());
    assertEquals(1, invalid.exit());
    assertTrue(invalid.out().contains("instances"), invalid.out());
  }

  @Test
  void putDeployStatusUndeployDeleteAgainstARunningScheduler() throws Exception {
    try (NatsServer nats = NatsServer.startLocal(dir.resolve("nats"))) {
      Connection connection =
          NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "test-scheduler"));
      try (Scheduler scheduler = Scheduler.start(connection, SchedulerConfig.of("clitest"))) {
        Path file = Files.writeString(dir.resolve("hello.yaml"), MANIFEST);
        String[] where = {"--nats", nats.clientUrl(), "--lattice", "clitest"};
        assertEquals(0, run(concat(new String[] {"app", "deploy", file.toString()}, where)).exit());
        Run status =
            run(
                concat(
                    new String[] {"app", "status", "hello", "--watch", "--until", "waiting"},
                    where));
        assertEquals(0, status.exit());
        assertTrue(status.out().contains("waiting"), status.out());
        Run list = run(concat(new String[] {"app", "list"}, where));
        assertTrue(list.out().contains("hello  v1"), list.out());
        Run versions = run(concat(new String[] {"app", "versions", "hello"}, where));
        assertTrue(versions.out().contains("v1       yes"), versions.out());
        assertEquals(0, run(concat(new String[] {"app", "undeploy", "hello"}, where)).exit());
        assertEquals(0, run(concat(new String[] {"app", "delete", "hello"}, where)).exit());
        assertEquals(1, run(concat(new String[] {"app", "status", "hello"}, where)).exit());
      } finally {
        NatsConnector.closeQuietly(connection);
      }
    }
  }

  private static String[] concat(String[] first, String[] second) {
    String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
