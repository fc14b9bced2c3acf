package dev.trellis.host.plugin.keyvalue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import io.nats.client.Connection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both backends behave alike; JetStream's counters survive concurrent writers. */
class KeyValueBackendsTest {
  @TempDir static Path dir;
  private static NatsServer nats;
  private static Connection connection;

  @BeforeAll
  static void start() {
    nats = NatsServer.startLocal(dir.resolve("nats"));
    connection = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "kv-test"));
  }

  @AfterAll
  static void stop() {
    NatsConnector.closeQuietly(connection);
    nats.close();
  }

  private static void behavesAsAStore(KeyValueBackend backend, String bucketName) {
    KeyValueBucket bucket = backend.open(bucketName);
    assertEquals(Optional.empty(), bucket.get("a"));
    bucket.set("b", "2".getBytes(StandardCharsets.UTF_8));
    bucket.set("a", new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, bucket.get("a").orElseThrow());
    assertTrue(bucket.exists("b"));
    assertEquals(List.of("a", "b"), bucket.keys());
    bucket.delete("a");
    bucket.delete("never-set");
    assertFalse(bucket.exists("a"));
    assertEquals(List.of("b"), bucket.keys());
    assertEquals(3, bucket.increment("b", 1), "decimal text counts as a counter");
    assertEquals(5, bucket.increment("fresh", 5));
    assertArrayEquals("5".getBytes(StandardCharsets.US_ASCII), bucket.get("fresh").orElseThrow());
    bucket.set("be", ByteBuffer.allocate(8).putLong(41).array());
    assertEquals(42, bucket.increment("be", 1), "8-byte big-endian counters are read");
    bucket.set("max", "18446744073709551615".getBytes(StandardCharsets.US_ASCII));
    assertEquals(-1L, bucket.increment("max", 7), "saturates at 2^64-1");
    bucket.set("text", "hello".getBytes(StandardCharsets.UTF_8));
    KeyValueException e = assertThrows(KeyValueException.class, () -> bucket.increment("text", 1));
    assertEquals(KeyValueException.Kind.OTHER, e.kind());
    assertEquals(bucketName, backend.open(bucketName).name());
  }

  @Test
  void inMemoryBucketsBehaveAsAStore() {
    behavesAsAStore(new InMemoryKeyValue(), "mem");
  }

  @Test
  void jetStreamBucketsBehaveAsAStore() {
    behavesAsAStore(new JetStreamKeyValue(connection), "js_store");
  }

  @Test
  void jetStreamIncrementsFromManyWritersLoseNothing() throws Exception {
    JetStreamKeyValue a = new JetStreamKeyValue(connection);
    JetStreamKeyValue b = new JetStreamKeyValue(connection);
    List<Future<?>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < 8; w++) {
        KeyValueBucket bucket = (w % 2 == 0 ? a : b).open("js_race");
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 25; i++) {
                    bucket.increment("hits", 1);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    assertArrayEquals(
        "200".getBytes(StandardCharsets.US_ASCII), a.open("js_race").get("hits").orElseThrow());
  }

  @Test
  void aNameJetStreamCannotUseIsNoSuchStore() {
    KeyValueException e =
        assertThrows(
            KeyValueException.class, () -> new JetStreamKeyValue(connection).open("has.dot"));
    assertEquals(KeyValueException.Kind.NO_SUCH_STORE, e.kind());
  }
}
