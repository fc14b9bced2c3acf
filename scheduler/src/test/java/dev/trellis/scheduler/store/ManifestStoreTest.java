package dev.trellis.scheduler.store;

import static dev.trellis.scheduler.store.Fixtures.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.Subjects;
import dev.trellis.scheduler.manifest.Application;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest store on a real JetStream KV bucket; each test uses its own lattice. */
class ManifestStoreTest {
  @TempDir static Path dir;
  private static NatsServer nats;
  private static Connection connection;
  private static Connection otherConnection;

  @BeforeAll
  static void start() {
    nats = NatsServer.startLocal(dir.resolve("nats"));
    connection = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "store-a"));
    otherConnection = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "store-b"));
  }

  @AfterAll
  static void stop() {
    NatsConnector.closeQuietly(otherConnection);
    NatsConnector.closeQuietly(connection);
    nats.close();
  }

  @Test
  void storesVersionsInWadmsKeysAndLayout() throws Exception {
    ManifestStore store = ManifestStore.open(connection, "layout");
    assertEquals(new PutOutcome.Stored("shop", "v1", 1), store.put(app("shop", "v1")));
    assertEquals(new PutOutcome.Stored("shop", "v2", 2), store.put(app("shop", "v2")));
    store.put(app("cart", "v1"));

    assertEquals(Optional.of(List.of("v1", "v2")), store.versions("shop"));
    assertEquals("v2", store.get("shop").orElseThrow().currentVersion());
    assertEquals("v1", store.get("shop", "v1").orElseThrow().version());
    assertEquals(Optional.empty(), store.get("shop", "v3"));
    assertEquals(Optional.empty(), store.get("nothing"));
    assertEquals(List.of("cart", "shop"), store.list().stream().map(StoredManifest::name).toList());

    KeyValue kv = connection.keyValue(Subjects.MANIFEST_BUCKET);
    JsonNode entry = StoredManifestCodec.JSON.readTree(kv.get("layout-shop").getValue());
    assertEquals(List.of("v1", "v2"), List.copyOf(names(entry.get("manifests"))));
    assertTrue(entry.get("deployed_version").isNull());
    assertEquals("[\"cart\",\"shop\"]", new String(kv.get("layout").getValue()));
  }

  @Test
  void anExistingVersionIsRefusedAndNothingIsWritten() throws Exception {
    ManifestStore store = ManifestStore.open(connection, "dupes");
    store.put(app("shop", "v1"));
    KeyValue kv = connection.keyValue(Subjects.MANIFEST_BUCKET);
    long revision = kv.get("dupes-shop").getRevision();
    assertEquals(new PutOutcome.VersionExists("shop", "v1"), store.put(app("shop", "v1")));
    assertEquals(revision, kv.get("dupes-shop").getRevision());
  }

  @Test
  void deploysTheNewestOrAGivenVersionAndUndeploys() {
    ManifestStore store = ManifestStore.open(connection, "deploys");
    store.put(app("shop", "v1"));
    store.put(app("shop", "v2"));

    var latest =
        assertInstanceOf(DeployOutcome.Deployed.class, store.deploy("shop", Optional.empty()));
    assertEquals("v2", latest.application().version());
    var older =
        assertInstanceOf(DeployOutcome.Deployed.class, store.deploy("shop", Optional.of("v1")));
    assertEquals(Optional.of("v2"), older.previousVersion());
    assertEquals(Optional.of("v1"), store.get("shop").orElseThrow().deployedVersion());
    assertEquals(
        new DeployOutcome.VersionNotFound("shop", "v9"), store.deploy("shop", Optional.of("v9")));
    assertEquals(
        new DeployOutcome.ApplicationNotFound("ghost"), store.deploy("ghost", Optional.empty()));

    assertEquals(new UndeployOutcome.Undeployed("shop", Optional.of("v1")), store.undeploy("shop"));
    assertEquals(new UndeployOutcome.Undeployed("shop", Optional.empty()), store.undeploy("shop"));
    assertEquals(new UndeployOutcome.ApplicationNotFound("ghost"), store.undeploy("ghost"));
  }

  @Test
  void deletingTheDeployedVersionUndeploysAndTheLastVersionRemovesTheApplication()
      throws Exception {
    ManifestStore store = ManifestStore.open(connection, "deletes");
    store.put(app("shop", "v1"));
    store.put(app("shop", "v2"));
    store.deploy("shop", Optional.of("v2"));

    assertEquals(
        new DeleteOutcome.Deleted("shop", List.of("v2"), false, Optional.of("v2")),
        store.delete("shop", Optional.of("v2")));
    assertEquals(Optional.empty(), store.get("shop").orElseThrow().deployedVersion());
    assertEquals(
        new DeleteOutcome.NothingToDelete("shop", Optional.of("v2"), true),
        store.delete("shop", Optional.of("v2")));
    assertEquals(
        new DeleteOutcome.Deleted("shop", List.of("v1"), true, Optional.empty()),
        store.delete("shop", Optional.of("v1")));
    assertEquals(Optional.empty(), store.get("shop"));
    assertEquals(List.of(), store.list());
    assertEquals(
        "[]", new String(connection.keyValue(Subjects.MANIFEST_BUCKET).get("deletes").getValue()));

    store.put(app("cart", "v1"));
    store.put(app("cart", "v2"));
    store.deploy("cart", Optional.empty());
    assertEquals(
        new DeleteOutcome.Deleted("cart", List.of("v1", "v2"), true, Optional.of("v2")),
        store.delete("cart", Optional.empty()));
    assertEquals(
        new DeleteOutcome.NothingToDelete("cart", Optional.empty(), false),
        store.delete("cart", Optional.empty()));
    // A deleted application can be put again from scratch.
    assertEquals(new PutOutcome.Stored("cart", "v1", 1), store.put(app("cart", "v1")));
  }

  @Test
  void twoReplicasWritingAtOnceLoseNoVersion() throws Exception {
    ManifestStore first = ManifestStore.open(connection, "race");
    ManifestStore second = ManifestStore.open(otherConnection, "race");
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<PutOutcome>>> writers = new ArrayList<>();
      for (ManifestStore store : List.of(first, second)) {
        String prefix = store == first ? "a" : "b";
        writers.add(
            pool.submit(
                () -> {
                  go.await(5, TimeUnit.SECONDS);
                  return IntStream.range(0, 10)
                      .mapToObj(i -> store.put(app("shop", prefix + i)))
                      .toList();
                }));
      }
      go.countDown();
      for (Future<List<PutOutcome>> writer : writers) {
        writer.get(20, TimeUnit.SECONDS).forEach(o -> assertInstanceOf(PutOutcome.Stored.class, o));
      }
    }
    List<String> versions = first.versions("shop").orElseThrow();
    assertEquals(20, versions.size(), versions.toString());
    assertEquals(
        IntStream.range(0, 10).mapToObj(i -> "a" + i).toList(),
        versions.stream().filter(v -> v.startsWith("a")).toList(),
        "each writer's versions keep their order");
    assertEquals(List.of("shop"), first.list().stream().map(StoredManifest::name).toList());
  }

  @Test
  void aWriteThatLosesTheRaceIsRecomputedFromTheWinnersState() {
    ManifestStore rival = ManifestStore.open(otherConnection, "cas");
    rival.put(app("shop", "base"));
    ManifestStore mine = interfered(rival, 1, ManifestStore.DEFAULT_MAX_ATTEMPTS);

    assertEquals(new PutOutcome.Stored("shop", "mine", 3), mine.put(app("shop", "mine")));
    assertEquals(Optional.of(List.of("base", "theirs1", "mine")), rival.versions("shop"));
  }

  @Test
  void aWriteThatKeepsLosingGivesUpAfterItsAttemptsAndWritesNothing() {
    ManifestStore rival = ManifestStore.open(otherConnection, "giveup");
    rival.put(app("shop", "base"));
    ManifestStore mine = interfered(rival, Integer.MAX_VALUE, 3);

    StoreConflictException e =
        assertThrows(StoreConflictException.class, () -> mine.put(app("shop", "mine")));
    assertEquals(
        "gave up writing wadm_manifests/giveup-shop after 3 attempts: other schedulers kept"
            + " changing it at the same time; retry the request",
        e.getMessage());
    assertEquals(
        Optional.of(List.of("base", "theirs1", "theirs2", "theirs3")), rival.versions("shop"));
  }

  @Test
  void aNameNatsCannotUseAsAKeyIsRejected() {
    ManifestStore store = ManifestStore.open(connection, "names");
    Application unicode = app("café", "v1");
    assertInstanceOf(PutOutcome.Rejected.class, store.put(unicode));
    assertEquals(Optional.empty(), store.get("café"));
  }

  /**
   * A store whose writes to the app key are each preceded by a rival's put, {@code times} times.
   */
  private static ManifestStore interfered(ManifestStore rival, int times, int maxAttempts) {
    JnatsAdapter adapter = new JnatsAdapter(connection);
    KvBucket real = adapter.bucket(Subjects.MANIFEST_BUCKET);
    AtomicInteger left = new AtomicInteger(times);
    AtomicInteger counter = new AtomicInteger();
    String appKey = Subjects.manifestKey(rival.lattice(), "shop");
    Runnable interfere =
        () -> {
          if (left.getAndDecrement() > 0) {
            rival.put(app("shop", "theirs" + counter.incrementAndGet()));
          }
        };
    KvBucket racing =
        new KvBucket() {
          @Override
          public Optional<KvEntry> get(String key) {
            return real.get(key);
          }

          @Override
          public OptionalLong create(String key, byte[] value) {
            if (key.equals(appKey)) {
              interfere.run();
            }
            return real.create(key, value);
          }

          @Override
          public OptionalLong update(String key, byte[] value, long revision) {
            if (key.equals(appKey)) {
              interfere.run();
            }
            return real.update(key, value, revision);
          }

          @Override
          public boolean purge(String key, long revision) {
            return real.purge(key, revision);
          }

          @Override
          public long maxValueBytes() {
            return real.maxValueBytes();
          }
        };
    return new ManifestStore(racing, rival.lattice(), maxAttempts);
  }

  private static List<String> names(JsonNode node) {
    return node.propertyStream().map(java.util.Map.Entry::getKey).toList();
  }
}
