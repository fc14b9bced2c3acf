package dev.trellis.wrpc.provider;

import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static dev.trellis.wrpc.wit.WitType.Primitive.U8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsServer;
import dev.trellis.proto.Subjects;
import dev.trellis.wrpc.nats.InvokeOptions;
import dev.trellis.wrpc.nats.TestNats;
import dev.trellis.wrpc.nats.WrpcCallException;
import dev.trellis.wrpc.nats.WrpcClient;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.nats.WrpcTransportConfig;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Java provider built with the SDK: served, called, health-reported and drained. */
class ProviderRunnerTest {
  private static final String INSTANCE = "wasi:keyvalue/store@0.2.0-draft";
  private static final WitType.RecordType ENTRY =
      WitType.record(
          "entry", WitType.field("key", STRING), WitType.field("value", WitType.list(U8)));
  private static final WitType.VariantType ERROR =
      WitType.variant(
          "error",
          WitType.variantCase("no-such-key", STRING),
          WitType.variantCase("other", STRING));
  private static final WitType OK_OR_ERROR =
      new WitType.ResultType(Optional.empty(), Optional.of(ERROR));
  private static final WrpcFunction SET =
      WrpcFunction.of(INSTANCE, "set", List.of(ENTRY), List.of(OK_OR_ERROR));

  @TempDir static Path dir;
  static NatsServer nats;
  static Connection connection;
  static WrpcClient client;

  @BeforeAll
  static void start() {
    nats = TestNats.start(dir);
    connection = TestNats.connect(nats.clientUrl(), "provider-test-client");
    client = WrpcClient.create(connection, WrpcTransportConfig.of("lattice.kv"));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    client.close();
    connection.close();
    nats.close();
  }

  @Test
  void aProviderServesHeartbeatsAndDrainsGracefully() throws Exception {
    Map<String, byte[]> store = new ConcurrentHashMap<>();
    CountDownLatch slowEntered = new CountDownLatch(1);
    CountDownLatch slowRelease = new CountDownLatch(1);
    ProviderConfig config =
        ProviderConfig.of(nats.clientUrl(), "lattice.kv", "kv-1")
            .withHeartbeatInterval(Duration.ofMillis(200))
            .withDrainTimeout(Duration.ofSeconds(10));
    Subscription heartbeats = connection.subscribe(Subjects.providerHeartbeat("kv-1"));
    connection.flush(Duration.ofSeconds(2));
    ProvidedInterface kv = keyValue(store, slowEntered, slowRelease);
    RunningProvider running = ProviderRunner.create(config, List.of(kv)).start();
    try {
      assertHeartbeat(heartbeats.nextMessage(Duration.ofSeconds(5)));
      WitValue entry =
          WitValue.record(
              WitValue.field("key", WitValue.string("k")),
              WitValue.field("value", Values.bytes(new byte[] {1, 2})));
      assertEquals(
          List.of(WitValue.ok()),
          client.invoke(SET, List.of(entry), InvokeOptions.defaults()).values());
      assertEquals(
          List.of(WitValue.ok(Values.bytes(new byte[] {1, 2}))), call("get", WitValue.string("k")));
      assertEquals(
          List.of(WitValue.err(WitValue.variant("no-such-key", WitValue.string("nope")))),
          call("get", WitValue.string("nope")));
      assertDrainFinishesInFlightCallsAndRefusesNewOnes(running, slowEntered, slowRelease);
    } finally {
      running.close();
      heartbeats.unsubscribe();
    }
  }

  private static ProvidedInterface keyValue(
      Map<String, byte[]> store, CountDownLatch slowEntered, CountDownLatch slowRelease) {
    return ProvidedInterface.builder(INSTANCE)
        .function("set", List.of(ENTRY), List.of(OK_OR_ERROR), args -> set(store, args))
        .function(
            "get",
            List.of(STRING),
            List.of(WitType.result(WitType.list(U8), ERROR)),
            args -> get(store, args))
        .function(
            "slow",
            List.of(),
            List.of(U32),
            args -> {
              slowEntered.countDown();
              await(slowRelease);
              return List.of(WitValue.u32(42));
            })
        .build();
  }

  private static void assertHeartbeat(Message beat) {
    assertNotNull(beat, "no heartbeat");
    String json = new String(beat.getData(), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"id\":\"kv-1\"") && json.contains("\"state\":\"serving\""), json);
    assertTrue(json.contains("lattice.kv.wrpc.0.0.1." + INSTANCE + ".get"), json);
    assertEquals("200", beat.getHeaders().getFirst(Subjects.HEARTBEAT_INTERVAL_HEADER));
  }

  private static void assertDrainFinishesInFlightCallsAndRefusesNewOnes(
      RunningProvider running, CountDownLatch slowEntered, CountDownLatch slowRelease)
      throws InterruptedException {
    AtomicReference<List<WitValue>> slowResult = new AtomicReference<>();
    Thread slowCaller = Thread.ofVirtual().start(() -> slowResult.set(call("slow")));
    assertTrue(slowEntered.await(5, TimeUnit.SECONDS));
    AtomicReference<Boolean> drained = new AtomicReference<>();
    Thread drainer = Thread.ofVirtual().start(() -> drained.set(running.drain()));
    awaitNoResponders();
    // A probe that was answered just before the unsubscribe leaves the count once its reply is
    // sent, a moment after the caller has it; then only the slow call remains.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (running.stats().inFlight() > 1 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(1, running.stats().inFlight());
    slowRelease.countDown();
    drainer.join(Duration.ofSeconds(10));
    slowCaller.join(Duration.ofSeconds(10));
    assertEquals(List.of(WitValue.u32(42)), slowResult.get());
    assertTrue(drained.get());
    assertEquals(0, running.stats().inFlight());
  }

  @Test
  void configComesFromTheEnvironment() {
    ProviderConfig config =
        ProviderConfig.fromEnvironment(
            Map.of(
                ProviderConfig.ENV_PROVIDER_ID, "kv-2", ProviderConfig.ENV_PREFIX, "default.kv"));
    assertEquals("default.kv", config.transport().prefix());
    assertEquals(Optional.of("default.kv"), config.transport().queueGroup());
    assertEquals(List.of("nats://127.0.0.1:4222"), config.nats().servers());
    assertThrows(IllegalArgumentException.class, () -> ProviderConfig.fromEnvironment(Map.of()));
  }

  @Test
  void credentialsComeFromTheEnvironmentToo() {
    ProviderConfig config =
        ProviderConfig.fromEnvironment(
            Map.of(
                ProviderConfig.ENV_PROVIDER_ID,
                "kv-3",
                "TRELLIS_NATS_CREDS",
                "/run/secrets/provider.creds",
                "TRELLIS_NATS_TLS_CA",
                "/run/secrets/ca.pem"));
    assertEquals(
        new dev.trellis.nats.NatsAuth.CredsFile(
            java.nio.file.Path.of("/run/secrets/provider.creds")),
        config.nats().auth());
    assertEquals(
        Optional.of(java.nio.file.Path.of("/run/secrets/ca.pem")),
        config.nats().tls().orElseThrow().caFile());
    var conflict =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ProviderConfig.fromEnvironment(
                    Map.of(
                        ProviderConfig.ENV_PROVIDER_ID,
                        "kv-3",
                        "TRELLIS_NATS_NKEY",
                        "a.nk",
                        "TRELLIS_NATS_TOKEN_FILE",
                        "t")));
    assertTrue(
        conflict.getMessage().startsWith("TRELLIS_NATS_NKEY and TRELLIS_NATS_TOKEN_FILE"),
        conflict.getMessage());
  }

  @Test
  void argsNameTheParamThatHasTheWrongType() {
    ProviderArgumentException e =
        assertThrows(
            ProviderArgumentException.class,
            () -> Read.record(WitValue.u32(1), "params[0]").string("key"));
    assertTrue(e.getMessage().startsWith("params[0]: expected record"), e.getMessage());
    assertFalse(Read.bool(WitValue.bool(false), "x"));
  }

  /** Polls a call the provider serves until it answers "no responders": the drain unsubscribed. */
  private static void awaitNoResponders() {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        call("get", WitValue.string("k"));
      } catch (WrpcCallException.NoResponders e) {
        return;
      }
    }
    throw new AssertionError("the draining provider still takes new invocations");
  }

  private static List<WitValue> call(String name, WitValue... params) {
    WrpcFunction fn =
        name.equals("get")
            ? WrpcFunction.of(
                INSTANCE, "get", List.of(STRING), List.of(WitType.result(WitType.list(U8), ERROR)))
            : WrpcFunction.of(INSTANCE, name, List.of(), List.of(U32));
    return client.invoke(fn, List.of(params), InvokeOptions.defaults()).values();
  }

  private static List<WitValue> set(Map<String, byte[]> store, Args args) {
    RecordView entry = args.record(0);
    store.put(entry.string("key"), entry.bytes("value"));
    return List.of(WitValue.ok());
  }

  private static List<WitValue> get(Map<String, byte[]> store, Args args) {
    byte[] value = store.get(args.string(0));
    if (value == null) {
      return List.of(
          WitValue.err(WitValue.variant("no-such-key", WitValue.string(args.string(0)))));
    }
    return List.of(WitValue.ok(Values.bytes(value)));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
