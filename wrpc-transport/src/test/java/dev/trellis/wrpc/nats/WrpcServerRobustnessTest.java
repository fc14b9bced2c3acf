package dev.trellis.wrpc.nats;

import static dev.trellis.wrpc.wit.WitType.Primitive.BOOL;
import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsServer;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server faced with malformed frames answers the call with an early end of its results (and the
 * reason) and keeps serving; replicas in a queue group share invocations.
 */
class WrpcServerRobustnessTest {
  private static final WrpcFunction NOT =
      WrpcFunction.of("trellis:test/logic", "not", List.of(BOOL, STRING), List.of(BOOL));

  @TempDir static Path dir;
  static NatsServer nats;
  static Connection connection;

  @BeforeAll
  static void start() {
    nats = TestNats.start(dir);
    connection = TestNats.connect(nats.clientUrl(), "robustness");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    connection.close();
    nats.close();
  }

  @Test
  void malformedFramesGetAnErrorReplyAndTheServerKeepsServing() throws Exception {
    try (WrpcServer server = WrpcServer.create(connection, WrpcTransportConfig.of("robust"));
        WrpcClient client = WrpcClient.create(connection, WrpcTransportConfig.of("robust"))) {
      server.serve(NOT, call -> WrpcReply.of(WitValue.bool(!bool(call))));
      String subject = NOT.subject("robust");

      connection.publish(subject, new byte[] {7, 7, 7});
      assertErrorReply(subject, new byte[] {0x02, 0x00}, false, "invalid bool");
      assertErrorReply(subject, new byte[] {0x01, 0x05, 'a'}, true, "channel ended");
      assertErrorReply(subject, new byte[] {0x01, 0x00, 0x09}, false, "follow the params");

      assertEquals(
          List.of(WitValue.bool(false)),
          client
              .invoke(
                  NOT, List.of(WitValue.bool(true), WitValue.string("")), InvokeOptions.defaults())
              .values());
      assertTrue(server.drain(Duration.ofSeconds(5)));
      ServerStats stats = server.stats();
      assertEquals(1, stats.served());
      assertEquals(4, stats.failed());
    }
  }

  @Test
  void replicasInAQueueGroupBothServe() throws Exception {
    Connection second = TestNats.connect(nats.clientUrl(), "replica-2");
    WrpcTransportConfig config = WrpcTransportConfig.of("shared").withQueueGroup("shared");
    Set<String> replicas = ConcurrentHashMap.newKeySet();
    try (WrpcServer one = WrpcServer.create(connection, config);
        WrpcServer two = WrpcServer.create(second, config);
        WrpcClient client = WrpcClient.create(connection, config)) {
      one.serve(NOT, call -> reply(replicas, "one", call));
      two.serve(NOT, call -> reply(replicas, "two", call));
      for (int i = 0; i < 40; i++) {
        List<WitValue> params = List.of(WitValue.bool(i % 2 == 0), WitValue.string("call " + i));
        assertEquals(
            List.of(WitValue.bool(i % 2 != 0)),
            client.invoke(NOT, params, InvokeOptions.defaults()).values());
      }
      assertEquals(Set.of("one", "two"), replicas);
      assertTrue(one.drain(Duration.ofSeconds(5)) && two.drain(Duration.ofSeconds(5)));
      assertEquals(40, one.stats().served() + two.stats().served());
    } finally {
      second.close();
    }
  }

  private static WrpcReply reply(Set<String> replicas, String name, WrpcCall call) {
    replicas.add(name);
    return WrpcReply.of(WitValue.bool(!bool(call)));
  }

  private static boolean bool(WrpcCall call) {
    return ((WitValue.BoolValue) call.params().get(0)).value();
  }

  /** Plays a raw client: sends {@code payload}, optionally ends the params, reads the reply. */
  private static void assertErrorReply(
      String subject, byte[] payload, boolean endParams, String expected) throws Exception {
    String base = connection.createInbox();
    Subscription handshake = connection.subscribe(base);
    Subscription results = connection.subscribe(base + ".results");
    connection.flush(Duration.ofSeconds(2));
    connection.publish(subject, base, payload);
    Message accepted = handshake.nextMessage(Duration.ofSeconds(5));
    assertNotNull(accepted, "no handshake");
    assertEquals(0, accepted.getData().length);
    if (endParams) {
      connection.publish(accepted.getReplyTo() + ".params", new byte[0]);
    }
    Message end = results.nextMessage(Duration.ofSeconds(5));
    assertNotNull(end, "no reply on " + base + ".results");
    assertEquals(0, end.getData().length);
    String reason = end.getHeaders().getFirst(WrpcHeaders.TRELLIS_ERROR);
    assertTrue(reason.contains("malformed params") && reason.contains(expected), reason);
    handshake.unsubscribe();
    results.unsubscribe();
  }
}
