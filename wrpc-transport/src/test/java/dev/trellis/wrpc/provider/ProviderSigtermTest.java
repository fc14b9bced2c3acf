package dev.trellis.wrpc.provider;

import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsServer;
import dev.trellis.proto.Subjects;
import dev.trellis.wrpc.nats.InvokeOptions;
import dev.trellis.wrpc.nats.TestNats;
import dev.trellis.wrpc.nats.WrpcClient;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.nats.WrpcTransportConfig;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider process started with {@link ProviderRunner#run()} drains on SIGTERM: the call in
 * flight completes, a last {@code stopped} heartbeat is published, and the process exits.
 */
class ProviderSigtermTest {
  @TempDir Path dir;

  @Test
  void sigtermFinishesTheCallInFlightThenExits() throws Exception {
    try (NatsServer nats = TestNats.start(dir)) {
      Connection connection = TestNats.connect(nats.clientUrl(), "sigterm-test");
      Subscription beats = connection.subscribe(Subjects.providerHeartbeat("worker-1"));
      connection.flush(Duration.ofSeconds(2));
      Process provider = launch(nats.clientUrl(), "worker-1", 1500);
      try (WrpcClient client = WrpcClient.create(connection, WrpcTransportConfig.of("sigterm"))) {
        awaitBeat(beats, "\"state\":\"serving\"");
        WrpcFunction slow = WrpcFunction.of("trellis:test/work", "slow", List.of(), List.of(U32));
        AtomicReference<List<WitValue>> result = new AtomicReference<>();
        Thread caller =
            Thread.ofVirtual()
                .start(
                    () ->
                        result.set(
                            client.invoke(slow, List.of(), InvokeOptions.defaults()).values()));
        awaitBeat(beats, "\"in_flight\":1");
        provider.destroy();
        caller.join(Duration.ofSeconds(10));
        assertEquals(List.of(WitValue.u32(7)), result.get());
        awaitBeat(beats, "\"state\":\"stopped\"");
        assertTrue(provider.waitFor(10, TimeUnit.SECONDS), "provider did not exit");
      } finally {
        provider.destroyForcibly();
        connection.close();
      }
    }
  }

  private Process launch(String url, String id, long workMillis) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            SigtermProviderMain.class.getName(),
            url,
            id,
            Long.toString(workMillis))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("provider.log").toFile())
        .start();
  }

  private static void awaitBeat(Subscription beats, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      Message beat = beats.nextMessage(Duration.ofSeconds(1));
      if (beat != null && new String(beat.getData(), StandardCharsets.UTF_8).contains(expected)) {
        return;
      }
    }
    throw new AssertionError("no heartbeat with " + expected);
  }
}
