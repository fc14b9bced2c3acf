package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.Subjects.HostOperation;
import dev.trellis.proto.v2.Component;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.WitInterface;
import dev.trellis.proto.v2.WitWorld;
import dev.trellis.proto.v2.Workload;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadStartResponse;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.wrpc.provider.builtin.TestRedis;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workload on a {@code trellis host} process routes {@code wasi:keyvalue} over wRPC to {@code
 * trellis provider keyvalue-redis}, another process, found only through the shared prefix rule
 * ({@code default.it-kv}: the host's default host group and the entry's {@code wrpc:name}, the
 * provider's {@code --name}). The counter counts in Redis; with the provider killed the guest gets
 * an error value within the deadline (kv-counter answers its message with it); with the provider
 * back it counts on.
 */
class WrpcProviderIT {
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration WRPC_TIMEOUT = Duration.ofSeconds(2);
  private static final String HOST = "it-wrpc-host";
  private static final String SUBJECT = "it.wrpc.count";
  private static final String BUCKET = "it_wrpc";

  @TempDir Path dir;

  @Test
  void aCounterOnAHostProcessCountsInRedisThroughTheProviderAndSurvivesItsCrash() throws Exception {
    try (NatsServer nats = NatsServer.startLocal(dir.resolve("nats"));
        TestRedis redis = TestRedis.start(Files.createDirectories(dir.resolve("redis")));
        Connection client =
            NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "it-wrpc-client"));
        CliProcess host =
            CliProcess.start(
                dir.resolve("host"),
                Map.of(),
                "host",
                "--nats",
                nats.clientUrl(),
                "--host-id",
                HOST,
                "--heartbeat-interval",
                "1s",
                "--image-cache-dir",
                dir.resolve("images").toString(),
                "--wrpc-timeout",
                WRPC_TIMEOUT.toSeconds() + "s")) {
      String[] providerArgs = {
        "provider",
        "keyvalue-redis",
        "--redis",
        redis.url(),
        "--nats",
        nats.clientUrl(),
        "--name",
        "it-kv"
      };
      CliProcess provider = CliProcess.start(dir.resolve("kv-1"), Map.of(), providerArgs);
      try {
        host.awaitOutput("Host " + HOST, START);
        provider.awaitOutput("serving wasi:keyvalue/store@0.2.0-draft", START);
        assertTrue(provider.stderr().contains("under prefix default.it-kv"), provider.stderr());

        WorkloadStatus status = start(client, counter());
        assertEquals(
            WorkloadState.WORKLOAD_STATE_RUNNING, status.getWorkloadState(), status.toString());
        assertEquals("1", ask(client, SUBJECT));
        assertEquals("2", ask(client, SUBJECT));
        assertEquals("2", redisGet(redis.port(), BUCKET + ":count"));

        provider.kill();
        long start = System.nanoTime();
        String failed = ask(client, SUBJECT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(failed.startsWith("error: "), failed);
        assertTrue(
            failed.contains("no responders") || failed.contains("timed out"),
            "a transport failure, not a hang: " + failed);
        assertTrue(took.compareTo(WRPC_TIMEOUT.plusSeconds(8)) < 0, "the error took " + took);
      } finally {
        provider.close();
      }

      try (CliProcess again = CliProcess.start(dir.resolve("kv-2"), Map.of(), providerArgs)) {
        again.awaitOutput("serving wasi:keyvalue/store@0.2.0-draft", START);
        AtomicReference<String> last = new AtomicReference<>();
        Await.until(
            "the counter counting again",
            Duration.ofSeconds(30),
            () -> {
              last.set(ask(client, SUBJECT));
              return "3".equals(last.get());
            });
        assertEquals("3", redisGet(redis.port(), BUCKET + ":count"));
      }
      host.terminate(Duration.ofSeconds(30));
    }
  }

  private static WorkloadStartRequest counter() {
    Component.Builder counter =
        Component.newBuilder()
            .setName("counter")
            .setImage("file://" + WorkloadLatticeIT.EXAMPLES.resolve("kv-counter.wasm"))
            .setLocalResources(
                LocalResources.newBuilder()
                    .putConfig("subscriptions", SUBJECT)
                    .putConfig("bucket", BUCKET));
    WitInterface keyvalue =
        WitInterface.newBuilder()
            .setNamespace("wasi")
            .setPackage("keyvalue")
            .setVersion("0.2.0-draft")
            .addInterfaces("store")
            .addInterfaces("atomics")
            .putConfig("wrpc:name", "it-kv")
            .build();
    return WorkloadStartRequest.newBuilder()
        .setWorkloadId("it-wrpc-counter")
        .setWorkload(
            Workload.newBuilder()
                .setName("it-wrpc-counter")
                .setNamespace("it")
                .setWitWorld(
                    WitWorld.newBuilder().addComponents(counter).addHostInterfaces(keyvalue)))
        .build();
  }

  private static WorkloadStatus start(Connection client, WorkloadStartRequest request)
      throws InterruptedException {
    Message reply =
        client.request(
            Subjects.hostApi(HOST, HostOperation.WORKLOAD_START), ProtoJson.encode(request), START);
    assertNotNull(reply, "no reply to workload.start");
    return ProtoJson.decode(reply.getData(), WorkloadStartResponse.getDefaultInstance())
        .getWorkloadStatus();
  }

  /** One message to the counter; its reply, or null when none came within 20 s (a hang). */
  private static String ask(Connection client, String subject) {
    try {
      Message reply = client.request(subject, new byte[0], Duration.ofSeconds(20));
      return reply == null ? null : new String(reply.getData(), StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** {@code GET key} on the Redis at {@code port}, spoken as RESP inline; null for none. */
  private static String redisGet(int port, String key) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + key + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String header = in.readLine();
      return header.equals("$-1") ? null : in.readLine();
    }
  }
}
