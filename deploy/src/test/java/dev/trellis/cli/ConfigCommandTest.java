package dev.trellis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.scheduler.store.ConfigStore;
import io.nats.client.Connection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trellis config put/get/list/del} against a real nats-server, as a user runs them. */
class ConfigCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      var commandLine = TrellisCommand.commandLine();
      commandLine.setErr(new PrintWriter(System.err, true));
      int exit = commandLine.execute(args);
      return new Run(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  @Test
  void putGetListDelAgainstARealNatsServer() throws Exception {
    try (NatsServer nats = NatsServer.startLocal(dir.resolve("nats"))) {
      String[] where = {"--nats", nats.clientUrl(), "--lattice", "clitest"};
      Run put = run(with(where, "config", "put", "db-settings", "url=postgres://db/app", "a=b=c"));
      assertEquals(0, put.exit(), put.err());
      assertEquals(
          "Stored config db-settings (2 value(s)) in CONFIGDATA_clitest\n",
          put.out().replace(System.lineSeparator(), "\n"));

      Path file =
          Files.writeString(dir.resolve("cache.json"), "{\"ttl\": \"60\", \"size\": \"10\"}");
      Run fromFile =
          run(with(where, "config", "put", "cache", "--from-file", file.toString(), "ttl=120"));
      assertEquals(0, fromFile.exit(), fromFile.err());

      Run text = run(with(where, "config", "get", "cache"));
      assertEquals(0, text.exit(), text.err());
      assertEquals("size=10\nttl=120\n", text.out().replace(System.lineSeparator(), "\n"));
      Run json = run(with(where, "config", "get", "db-settings", "--output", "json"));
      assertEquals(
          Map.of("url", "postgres://db/app", "a", "b=c"),
          new ObjectMapper().readValue(json.out(), Map.class));

      Run list = run(with(where, "config", "list"));
      assertEquals("cache\ndb-settings\n", list.out().replace(System.lineSeparator(), "\n"));

      Connection connection =
          NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "config-check"));
      try {
        assertEquals(
            new ConfigStore.Lookup.Found(Map.of("size", "10", "ttl", "120")),
            ConfigStore.existing(connection, "clitest").lookup("cache"),
            "what the scheduler reads");
      } finally {
        NatsConnector.closeQuietly(connection);
      }

      assertEquals(0, run(with(where, "config", "del", "cache")).exit());
      Run gone = run(with(where, "config", "get", "cache"));
      assertEquals(1, gone.exit());
      assertTrue(
          gone.err().contains("config 'cache' not found in bucket CONFIGDATA_clitest"), gone.err());
      Run again = run(with(where, "config", "del", "cache"));
      assertEquals(1, again.exit());
      assertEquals(
          "db-settings\n",
          run(with(where, "config", "list")).out().replace(System.lineSeparator(), "\n"));
    }
  }

  @Test
  void badArgumentsExitTwoNamingTheArgumentWithoutTouchingNats() throws Exception {
    String[] where = {"--nats", "nats://127.0.0.1:1", "--lattice", "clitest"};
    Run noEquals = run(with(where, "config", "put", "db", "url"));
    assertEquals(2, noEquals.exit());
    assertTrue(noEquals.err().contains("argument 'url' is not KEY=VALUE"), noEquals.err());
    Run emptyKey = run(with(where, "config", "put", "db", "=x"));
    assertEquals(2, emptyKey.exit());
    assertTrue(emptyKey.err().contains("argument '=x' has an empty KEY"), emptyKey.err());
    Run emptyName = run(with(where, "config", "put", "", "k=v"));
    assertEquals(2, emptyName.exit());
    assertTrue(emptyName.err().contains("NAME: config name must not be empty"), emptyName.err());
    Run badName = run(with(where, "config", "get", "db settings"));
    assertEquals(2, badName.exit());
    assertTrue(badName.err().contains("config name 'db settings' cannot"), badName.err());
    Run nothing = run(with(where, "config", "put", "db"));
    assertEquals(2, nothing.exit());
    assertTrue(nothing.err().contains("at least one KEY=VALUE"), nothing.err());
    Path numbers = Files.writeString(dir.resolve("n.json"), "{\"port\": 5432}");
    Run badFile = run(with(where, "config", "put", "db", "--from-file", numbers.toString()));
    assertEquals(2, badFile.exit());
    assertTrue(
        badFile
            .err()
            .contains("n.json has a value that is not a string: key 'port' holds a number"),
        badFile.err());
  }

  private static String[] with(String[] where, String... command) {
    String[] all = java.util.Arrays.copyOf(command, command.length + where.length);
    System.arraycopy(where, 0, all, command.length, where.length);
    return all;
  }
}
