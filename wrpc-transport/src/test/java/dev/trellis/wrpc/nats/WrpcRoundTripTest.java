package dev.trellis.wrpc.nats;

import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsServer;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small calls against a real nats-server: values round trip, headers pass through, subjects follow
 * upstream (annotations stripped, world-level functions without instance), failures are typed.
 */
class WrpcRoundTripTest {
  private static final WitType.RecordType POINT =
      WitType.record("point", WitType.field("x", U32), WitType.field("y", U32));
  private static final WitType.VariantType SHAPE =
      WitType.variant("shape", WitType.variantCase("dot", POINT), WitType.variantCase("nothing"));
  private static final WrpcFunction MOVE =
      WrpcFunction.of(
          "trellis:test/geometry@0.1.0",
          "move",
          List.of(SHAPE, U32, STRING),
          List.of(WitType.result(SHAPE, STRING)));

  @TempDir static Path dir;
  static NatsServer nats;
  static Connection connection;
  static WrpcServer server;
  static WrpcClient client;

  @BeforeAll
  static void start() {
    nats = TestNats.start(dir);
    connection = TestNats.connect(nats.clientUrl(), "roundtrip");
    server = WrpcServer.create(connection, WrpcTransportConfig.of("lattice.geo"));
    client =
        WrpcClient.create(
            connection,
            WrpcTransportConfig.of("lattice.geo").withCallTimeout(Duration.ofSeconds(5)));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    client.close();
    server.close();
    connection.close();
    nats.close();
  }

  @Test
  void recordsVariantsAndResultsRoundTrip() {
    try (ServedFunction served = server.serve(MOVE, WrpcRoundTripTest::move)) {
      assertEquals("lattice.geo.wrpc.0.0.1.trellis:test/geometry@0.1.0.move", served.subject());
      WitValue dot = WitValue.variant("dot", point(1, 2));
      InvocationResult moved =
          client.invoke(
              MOVE,
              List.of(dot, WitValue.u32(10), WitValue.string("east")),
              InvokeOptions.defaults());
      assertEquals(List.of(WitValue.ok(WitValue.variant("dot", point(11, 2)))), moved.values());
      InvocationResult refused =
          client.invoke(
              MOVE,
              List.of(WitValue.variant("nothing"), WitValue.u32(1), WitValue.string("up")),
              InvokeOptions.defaults());
      assertEquals(List.of(WitValue.err(WitValue.string("nothing to move"))), refused.values());
    }
  }

  @Test
  void headersReachTheHandler() {
    WrpcFunction echo = WrpcFunction.of("trellis:test/echo", "headers", List.of(), List.of(STRING));
    AtomicReference<WrpcHeaders> seen = new AtomicReference<>();
    try (ServedFunction served =
        server.serve(
            echo,
            call -> {
              seen.set(call.headers());
              return WrpcReply.of(WitValue.string(call.headers().linkName().orElse("?")));
            })) {
      InvokeOptions options =
          InvokeOptions.defaults()
              .withHeader(
                  WrpcHeaders.TRACEPARENT,
                  "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
              .withHeader(WrpcHeaders.SOURCE_ID, "http-component")
              .withHeader(WrpcHeaders.LINK_NAME, "default");
      assertEquals(
          List.of(WitValue.string("default")), client.invoke(echo, List.of(), options).values());
      assertEquals("http-component", seen.get().sourceId().orElseThrow());
      assertEquals(
          "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
          seen.get().traceparent().orElseThrow());
    }
  }

  @Test
  void annotatedAndWorldLevelFunctionsUseUpstreamSubjects() {
    WrpcFunction method =
        WrpcFunction.of("trellis:test/counter", "[method]counter.get", List.of(), List.of(U32));
    WrpcFunction world = WrpcFunction.of("", "run", List.of(), List.of());
    try (ServedFunction m = server.serve(method, call -> WrpcReply.of(WitValue.u32(7)));
        ServedFunction w = server.serve(world, call -> WrpcReply.of())) {
      assertEquals("lattice.geo.wrpc.0.0.1.trellis:test/counter.counter.get", m.subject());
      assertEquals("lattice.geo.wrpc.0.0.1.run", w.subject());
      assertEquals(
          List.of(WitValue.u32(7)),
          client.invoke(method, List.of(), InvokeOptions.defaults()).values());
      assertEquals(List.of(), client.invoke(world, List.of(), InvokeOptions.defaults()).values());
    }
  }

  @Test
  void noRespondersNamesTheSubjectWellWithinTheDeadline() {
    WrpcFunction nobody = WrpcFunction.of("trellis:test/nobody", "home", List.of(), List.of());
    long start = System.nanoTime();
    WrpcCallException.NoResponders e =
        assertThrows(
            WrpcCallException.NoResponders.class,
            () ->
                client.invoke(
                    nobody,
                    List.of(),
                    InvokeOptions.defaults().withTimeout(Duration.ofSeconds(5))));
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
    assertEquals("lattice.geo.wrpc.0.0.1.trellis:test/nobody.home", e.subject());
    assertTrue(e.getMessage().contains("lattice.geo.wrpc.0.0.1.trellis:test/nobody.home"));
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    WrpcFunction silent = WrpcFunction.of("trellis:test/silent", "wait", List.of(), List.of());
    Subscription blackHole = connection.subscribe(silent.subject("lattice.geo"));
    connection.flush(Duration.ofSeconds(2));
    try {
      long start = System.nanoTime();
      WrpcCallException.Timeout e =
          assertThrows(
              WrpcCallException.Timeout.class,
              () ->
                  client.invoke(
                      silent,
                      List.of(),
                      InvokeOptions.defaults().withTimeout(Duration.ofMillis(300))));
      long took = System.nanoTime() - start;
      assertTrue(
          took >= Duration.ofMillis(300).toNanos() && took < Duration.ofSeconds(2).toNanos());
      assertTrue(e.getMessage().contains("handshake"), e.getMessage());
      Message swallowed = blackHole.nextMessage(Duration.ofSeconds(1));
      assertTrue(swallowed.getReplyTo().startsWith("_INBOX."));
    } finally {
      blackHole.unsubscribe();
    }
  }

  @Test
  void aHandlerThatHangsTimesOutAfterTheHandshake() {
    WrpcFunction slow = WrpcFunction.of("trellis:test/slow", "hang", List.of(), List.of(U32));
    try (ServedFunction served =
        server.serve(
            slow,
            call -> {
              java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
              return WrpcReply.of(WitValue.u32(1));
            })) {
      WrpcCallException.Timeout e =
          assertThrows(
              WrpcCallException.Timeout.class,
              () ->
                  client.invoke(
                      slow,
                      List.of(),
                      InvokeOptions.defaults().withTimeout(Duration.ofMillis(300))));
      assertTrue(e.getMessage().contains("results"), e.getMessage());
    }
  }

  @Test
  void aFailingHandlerIsARemoteErrorWithTheReason() {
    WrpcFunction boom = WrpcFunction.of("trellis:test/boom", "fail", List.of(), List.of(U32));
    try (ServedFunction served =
        server.serve(
            boom,
            call -> {
              throw new IllegalStateException("disk on fire");
            })) {
      WrpcCallException.RemoteError e =
          assertThrows(
              WrpcCallException.RemoteError.class,
              () -> client.invoke(boom, List.of(), InvokeOptions.defaults()));
      assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
      assertInstanceOf(WrpcCallException.class, e);
    }
  }

  private static WrpcReply move(WrpcCall call) {
    WitValue.VariantValue shape = (WitValue.VariantValue) call.params().get(0);
    long dx = ((WitValue.U32Value) call.params().get(1)).value();
    if (shape.payload().isEmpty()) {
      return WrpcReply.of(WitValue.err(WitValue.string("nothing to move")));
    }
    WitValue.RecordValue p = (WitValue.RecordValue) shape.payload().get();
    long x = ((WitValue.U32Value) p.get("x").orElseThrow()).value();
    long y = ((WitValue.U32Value) p.get("y").orElseThrow()).value();
    return WrpcReply.of(WitValue.ok(WitValue.variant("dot", point(x + dx, y))));
  }

  private static WitValue point(long x, long y) {
    return WitValue.record(
        WitValue.field("x", WitValue.u32(x)), WitValue.field("y", WitValue.u32(y)));
  }
}
