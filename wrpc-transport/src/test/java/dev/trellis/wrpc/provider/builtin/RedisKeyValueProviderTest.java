package dev.trellis.wrpc.provider.builtin;

import static dev.trellis.wrpc.provider.builtin.KvClient.err;
import static dev.trellis.wrpc.provider.builtin.KvClient.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsServer;
import dev.trellis.wrpc.codec.HandleCodec;
import dev.trellis.wrpc.codec.WrpcCodec;
import dev.trellis.wrpc.codec.WrpcCodecOptions;
import dev.trellis.wrpc.nats.InvokeOptions;
import dev.trellis.wrpc.nats.TestNats;
import dev.trellis.wrpc.nats.WrpcCallException;
import dev.trellis.wrpc.nats.WrpcClient;
import dev.trellis.wrpc.nats.WrpcTransportConfig;
import dev.trellis.wrpc.provider.ProviderConfig;
import dev.trellis.wrpc.provider.ProviderRunner;
import dev.trellis.wrpc.provider.RunningProvider;
import dev.trellis.wrpc.provider.Values;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis key-value provider served over a real nats-server against a real redis-server, every
 * function called through {@link WrpcClient} exactly as a host's wRPC plugin calls it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisKeyValueProviderTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  @TempDir static Path dir;
  static NatsServer nats;
  static TestRedis redis;
  static RedisKeyValueProvider kv;
  static RunningProvider running;
  static Connection connection;
  static KvClient client;

  @BeforeAll
  static void start() {
    nats = TestNats.start(dir);
    redis = TestRedis.start(dir);
    kv =
        RedisKeyValueProvider.create(
            RedisKeyValueProvider.Config.of(RedisUri.parse(redis.url())).withKeyPrefix("t1/"));
    running = serve(kv, "kvtest", "kv-test");
    connection = TestNats.connect(nats.clientUrl(), "kv-test-client");
    client = new KvClient(connection, "kvtest", DEADLINE);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    client.close();
    running.close();
    kv.close();
    connection.close();
    redis.close();
    nats.close();
  }

  static RunningProvider serve(RedisKeyValueProvider provider, String prefix, String id) {
    ProviderConfig config =
        provider
            .configure(ProviderConfig.of(nats.clientUrl(), prefix, id))
            .withDrainTimeout(Duration.ofSeconds(2));
    return ProviderRunner.create(config, provider.interfaces()).start();
  }

  @Test
  void storeGetSetDeleteExistsRoundTripAndLandUnderTheBucketsRedisKey() {
    HandleValue app = client.open("app");
    assertEquals(Optional.empty(), client.get(app, "greeting"));
    assertEquals(
        Optional.of(WitValue.bool(false)),
        ok(client.call(KeyValueWit.EXISTS, app, WitValue.string("greeting"))));
    client.set(app, "greeting", "hello");
    assertEquals(Optional.of("hello"), client.get(app, "greeting"));
    assertEquals(
        Optional.of(WitValue.bool(true)),
        ok(client.call(KeyValueWit.EXISTS, app, WitValue.string("greeting"))));
    assertEquals(Optional.of("hello"), rawGet("t1/app:greeting"));

    ok(client.call(KeyValueWit.DELETE, app, WitValue.string("greeting")));
    assertEquals(Optional.empty(), client.get(app, "greeting"));
    ok(client.call(KeyValueWit.DELETE, app, WitValue.string("greeting")));
  }

  @Test
  void bucketsAreSeparateNamespaces() {
    HandleValue a = client.open("ns-a");
    HandleValue b = client.open("ns-b");
    client.set(a, "k", "in a");
    client.set(b, "k", "in b");
    assertEquals(Optional.of("in a"), client.get(a, "k"));
    assertEquals(Optional.of("in b"), client.get(b, "k"));
  }

  @Test
  void openRefusesIdentifiersThatCannotNameABucket() {
    for (String bad : List.of("", "a:b", "tab\there")) {
      assertEquals(
          WitValue.variant("no-such-store"),
          err(client.call(KeyValueWit.OPEN, WitValue.string(bad))),
          bad);
    }
  }

  @Test
  void listKeysPagesThroughEveryKeyOfTheBucketAndNoOther() {
    HandleValue many = client.open("many");
    HandleValue other = client.open("many-other");
    Set<String> expected = new HashSet<>();
    List<WitValue> pairs = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      expected.add("key-" + i);
      pairs.add(WitValue.tuple(WitValue.string("key-" + i), Values.bytes(new byte[] {1})));
    }
    ok(client.call(KeyValueWit.SET_MANY, many, new WitValue.ListValue(pairs)));
    client.set(other, "key-x", "not in many");

    Set<String> seen = new HashSet<>();
    Optional<WitValue> cursor = Optional.empty();
    int pages = 0;
    do {
      WitValue.RecordValue page =
          (WitValue.RecordValue)
              ok(client.call(KeyValueWit.LIST_KEYS, many, new WitValue.OptionValue(cursor)))
                  .orElseThrow();
      ((WitValue.ListValue) page.get("keys").orElseThrow())
          .elements()
          .forEach(k -> seen.add(((WitValue.StringValue) k).value()));
      cursor = ((WitValue.OptionValue) page.get("cursor").orElseThrow()).value();
      pages++;
    } while (cursor.isPresent() && pages < 1000);
    assertEquals(expected, seen);
    assertTrue(pages > 1, "2500 keys came in one page");
  }

  @Test
  void batchGetSetAndDeleteManyAcrossTheCommandSizeLimit() {
    HandleValue batch = client.open("batch");
    List<WitValue> pairs = new ArrayList<>();
    List<WitValue> keys = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      pairs.add(WitValue.tuple(WitValue.string("b" + i), Values.bytes(utf8("v" + i))));
      keys.add(WitValue.string("b" + i));
    }
    ok(client.call(KeyValueWit.SET_MANY, batch, new WitValue.ListValue(pairs)));
    keys.add(WitValue.string("missing"));

    List<WitValue> got = values(client.call(KeyValueWit.GET_MANY, batch, list(keys)));
    assertEquals(1201, got.size());
    assertEquals(new WitValue.OptionValue(Optional.of(pairs.get(700))), got.get(700));
    assertEquals(WitValue.none(), got.get(1200));

    ok(client.call(KeyValueWit.DELETE_MANY, batch, list(keys)));
    got = values(client.call(KeyValueWit.GET_MANY, batch, list(keys)));
    assertTrue(got.stream().allMatch(WitValue.none()::equals), "all deleted");
    ok(client.call(KeyValueWit.GET_MANY, batch, list(List.of())));
  }

  @Test
  void incrementCreatesAddsAndRefusesWhatIsNotACounter() {
    HandleValue counters = client.open("counters");
    assertEquals(Optional.of(WitValue.u64(5)), ok(client.increment(counters, "hits", 5)));
    assertEquals(Optional.of(WitValue.u64(12)), ok(client.increment(counters, "hits", 7)));
    assertEquals(Optional.of("12"), client.get(counters, "hits"));

    client.set(counters, "text", "abc");
    String refusal = other(client.increment(counters, "text", 1));
    assertTrue(refusal.contains("not an integer"), refusal);
    String tooBig = other(client.increment(counters, "hits", Long.MIN_VALUE));
    assertTrue(tooBig.contains("9223372036854775808"), tooBig);
  }

  @Test
  void concurrentIncrementsSumExactly() throws Exception {
    HandleValue counters = client.open("concurrent");
    int threads = 32;
    int perThread = 60;
    long expected = 0;
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < threads; t++) {
        long delta = t % 7 + 1;
        expected += delta * perThread;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    ok(client.increment(counters, "total", delta));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(50, TimeUnit.SECONDS);
      }
    }
    assertEquals(Optional.of(Long.toString(expected)), client.get(counters, "total"));
  }

  @Test
  void redisBeingDownIsAnErrorValueNotAFailedCall() {
    int closedPort = NatsServer.freePort();
    try (RedisKeyValueProvider down =
            RedisKeyValueProvider.create(
                RedisKeyValueProvider.Config.of(RedisUri.parse("redis://127.0.0.1:" + closedPort))
                    .withTimeout(Duration.ofSeconds(1)));
        RunningProvider served = serve(down, "kvdown", "kv-down");
        KvClient downClient = new KvClient(connection, "kvdown", DEADLINE)) {
      HandleValue bucket = downClient.open("any");
      String problem = other(downClient.call(KeyValueWit.GET, bucket, WitValue.string("k")));
      assertTrue(problem.contains("unavailable"), problem);
    }
  }

  @Test
  void bucketHandlesOutliveTheProviderThatIssuedThem() {
    try (KvClient restartClient = new KvClient(connection, "kvrestart", DEADLINE)) {
      HandleValue bucket;
      try (RedisKeyValueProvider first = newProvider();
          RunningProvider served = serve(first, "kvrestart", "kv-restart")) {
        bucket = restartClient.open("durable");
        restartClient.set(bucket, "k", "before");
      }
      assertThrows(WrpcCallException.NoResponders.class, () -> restartClient.get(bucket, "k"));
      try (RedisKeyValueProvider second = newProvider();
          RunningProvider served = serve(second, "kvrestart", "kv-restart")) {
        assertEquals(Optional.of("before"), restartClient.get(bucket, "k"));
      }
    }
  }

  @Test
  void aHandleTheProviderNeverIssuedFailsTheCall() {
    // handle number 0 as 8 little-endian bytes: NULs, which no bucket name contains
    WrpcCodec int64 = WrpcCodec.create(WrpcCodecOptions.defaults(), HandleCodec.int64());
    try (WrpcClient forger =
        WrpcClient.create(connection, WrpcTransportConfig.of("kvtest").withCodec(int64))) {
      HandleValue forged = new HandleValue(KeyValueWit.BUCKET, 0);
      WrpcCallException.RemoteError e =
          assertThrows(
              WrpcCallException.RemoteError.class,
              () ->
                  forger.invoke(
                      KeyValueWit.GET,
                      List.of(forged, WitValue.string("k")),
                      InvokeOptions.defaults().withTimeout(DEADLINE)));
      assertTrue(e.getMessage().contains("bucket"), e.getMessage());
    }
  }

  private static RedisKeyValueProvider newProvider() {
    return RedisKeyValueProvider.create(
        RedisKeyValueProvider.Config.of(RedisUri.parse(redis.url())).withKeyPrefix("t2/"));
  }

  private static String other(WitValue result) {
    WitValue.VariantValue error = (WitValue.VariantValue) err(result);
    assertEquals("other", error.caseName());
    return ((WitValue.StringValue) error.payload().orElseThrow()).value();
  }

  private static List<WitValue> values(WitValue result) {
    return ((WitValue.ListValue) ok(result).orElseThrow()).elements();
  }

  private static WitValue.ListValue list(List<WitValue> elements) {
    return new WitValue.ListValue(elements);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Optional<String> rawGet(String key) {
    try (RespConnection raw = RespConnection.open(RedisUri.parse(redis.url()), DEADLINE)) {
      RespReply reply = raw.call(List.of(utf8("GET"), utf8(key)));
      return ((RespReply.Bulk) reply).bytes().map(b -> new String(b, StandardCharsets.UTF_8));
    }
  }
}
