package dev.trellis.scheduler.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named configs in {@code CONFIGDATA_{lattice}} on a real nats-server; each test its own lattice.
 */
class ConfigStoreTest {
  @TempDir static Path dir;
  private static NatsServer nats;
  private static Connection connection;

  @BeforeAll
  static void start() {
    nats = NatsServer.startLocal(dir.resolve("nats"));
    connection = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "config-store"));
  }

  @AfterAll
  static void stop() {
    NatsConnector.closeQuietly(connection);
    nats.close();
  }

  @Test
  void storesWasmCloudsLayoutAndReadsItBack() throws Exception {
    ConfigStore store = ConfigStore.open(connection, "layout", 1);
    assertEquals("CONFIGDATA_layout", store.bucket());
    store.put("db-settings", Map.of("url", "postgres://db:5432/app", "pool", "8"));
    store.put("cache", Map.of("ttl", "60"));
    KeyValue raw = connection.keyValue("CONFIGDATA_layout");
    assertEquals(
        "{\"pool\":\"8\",\"url\":\"postgres://db:5432/app\"}",
        new String(raw.get("db-settings").getValue(), StandardCharsets.UTF_8));
    assertEquals(
        new ConfigStore.Lookup.Found(Map.of("url", "postgres://db:5432/app", "pool", "8")),
        store.lookup("db-settings"));
    assertEquals(List.of("cache", "db-settings"), store.list());

    store.put("cache", Map.of("ttl", "120"));
    assertEquals(new ConfigStore.Lookup.Found(Map.of("ttl", "120")), store.lookup("cache"));
    assertTrue(store.delete("cache"));
    assertFalse(store.delete("cache"), "already gone");
    assertEquals(new ConfigStore.Lookup.Missing(), store.lookup("cache"));
    assertEquals(List.of("db-settings"), store.list());
  }

  @Test
  void aValueWrittenByOthersThatIsNotAnObjectOfStringsIsMalformedNamingTheKey() throws Exception {
    ConfigStore store = ConfigStore.open(connection, "foreign", 1);
    KeyValue raw = connection.keyValue(store.bucket());
    raw.put("numbers", "{\"host\":\"db\",\"port\":5432}".getBytes(StandardCharsets.UTF_8));
    raw.put("list", "[\"a\",\"b\"]".getBytes(StandardCharsets.UTF_8));
    raw.put("garbage", "port=5432".getBytes(StandardCharsets.UTF_8));
    assertEquals(
        new ConfigStore.Lookup.Malformed(
            "has a value that is not a string: key 'port' holds a number (5432)"),
        store.lookup("numbers"));
    assertEquals(
        new ConfigStore.Lookup.Malformed(
            "is not a JSON object of strings: found an array ([\"a\",\"b\"])"),
        store.lookup("list"));
    var garbage = (ConfigStore.Lookup.Malformed) store.lookup("garbage");
    assertTrue(garbage.problem().startsWith("is not valid JSON ("), garbage.problem());
  }

  @Test
  void badNamesAndKeysAreRefusedNamingThem() {
    ConfigStore store = ConfigStore.open(connection, "bad", 1);
    var name =
        assertThrows(IllegalArgumentException.class, () -> store.put("db settings", Map.of()));
    assertTrue(name.getMessage().startsWith("config name 'db settings' cannot"), name.getMessage());
    var dot = assertThrows(IllegalArgumentException.class, () -> store.put(".hidden", Map.of()));
    assertTrue(dot.getMessage().contains("'.hidden'"), dot.getMessage());
    var key = assertThrows(IllegalArgumentException.class, () -> store.put("ok", Map.of("", "v")));
    assertEquals("config 'ok': a key must not be empty", key.getMessage());
    assertThrows(IllegalArgumentException.class, () -> store.lookup("a b"));
    assertEquals(List.of(), store.list(), "nothing was written");
  }

  @Test
  void withoutTheBucketEverythingIsMissingAndNothingIsCreated() throws Exception {
    ConfigStore store = ConfigStore.existing(connection, "nobucket");
    assertEquals(new ConfigStore.Lookup.Missing(), store.lookup("db-settings"));
    assertEquals(List.of(), store.list());
    assertFalse(store.delete("db-settings"));
    assertTrue(
        connection.keyValueManagement().getBucketNames().stream()
            .noneMatch("CONFIGDATA_nobucket"::equals));
  }

  @Test
  void aWatchReportsTheNameOfEveryLaterWriteAndDelete() throws Exception {
    ConfigStore store = ConfigStore.open(connection, "watched", 1);
    store.put("before", Map.of("k", "v"));
    LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
    try (ConfigStore.Watch watch = store.watch(seen::add)) {
      store.put("db-settings", Map.of("k", "v"));
      store.delete("db-settings");
      assertEquals("db-settings", seen.poll(10, TimeUnit.SECONDS));
      assertEquals("db-settings", seen.poll(10, TimeUnit.SECONDS));
    }
    assertTrue(seen.isEmpty(), "earlier configs are not replayed: " + seen);
  }
}
