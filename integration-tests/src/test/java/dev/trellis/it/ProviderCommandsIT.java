package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.proto.Subjects;
import dev.trellis.wrpc.codec.HandleTable;
import dev.trellis.wrpc.codec.IndexPath;
import dev.trellis.wrpc.codec.WrpcCodec;
import dev.trellis.wrpc.codec.WrpcCodecOptions;
import dev.trellis.wrpc.nats.AsyncSource;
import dev.trellis.wrpc.nats.IncomingStream;
import dev.trellis.wrpc.nats.InvocationResult;
import dev.trellis.wrpc.nats.InvokeOptions;
import dev.trellis.wrpc.nats.WrpcCallException;
import dev.trellis.wrpc.nats.WrpcClient;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.nats.WrpcTransportConfig;
import dev.trellis.wrpc.provider.Values;
import dev.trellis.wrpc.provider.builtin.BlobstoreWit;
import dev.trellis.wrpc.provider.builtin.KeyValueWit;
import dev.trellis.wrpc.provider.builtin.TestRedis;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trellis provider keyvalue-redis} and {@code trellis provider blobstore-fs} as a user runs
 * them, each its own process: called over wRPC through a real nats-server, killed (the caller gets
 * a prompt transport error, never a hang) and restarted (calls succeed again, with the bucket
 * handle from before), and stopped with SIGTERM while a download is in flight (it completes).
 */
class ProviderCommandsIT {
  private static final Duration DEADLINE = Duration.ofSeconds(2);
  private static final Duration START = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void keyValueRedisSurvivesBeingKilledAndRestarted() throws Exception {
    try (TestNats nats = TestNats.start(dir.resolve("nats"));
        TestRedis redis = TestRedis.start(Files.createDirectories(dir.resolve("redis")));
        Connection connection = connect(nats)) {
      String[] args = {
        "provider",
        "keyvalue-redis",
        "--redis",
        redis.url(),
        "--nats",
        nats.clientUrl(),
        "--prefix",
        "it.kv",
        "--key-prefix",
        "it/"
      };
      WrpcClient client = client(connection, "it.kv", 32 << 20);
      HandleValue orders;
      try (CliProcess provider = CliProcess.start(dir.resolve("kv-1"), Map.of(), args)) {
        provider.awaitOutput("serving wasi:keyvalue/store@0.2.0-draft", START);
        orders = (HandleValue) ok(call(client, KeyValueWit.OPEN, s("orders")));
        ok(call(client, KeyValueWit.SET, orders, s("a"), bytes("1")));
        assertEquals(
            Optional.of(WitValue.u64(3)),
            ((WitValue.ResultValue)
                    call(client, KeyValueWit.INCREMENT, orders, s("n"), WitValue.u64(3)))
                .payload());
        provider.kill();
      }

      long start = System.nanoTime();
      WrpcCallException down =
          assertThrows(
              WrpcCallException.class, () -> call(client, KeyValueWit.GET, orders, s("a")));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(
          down instanceof WrpcCallException.NoResponders
              || down instanceof WrpcCallException.Timeout,
          down.toString());
      assertTrue(took.compareTo(DEADLINE.plusMillis(500)) < 0, "failed after " + took);

      try (CliProcess provider = CliProcess.start(dir.resolve("kv-2"), Map.of(), args)) {
        provider.awaitOutput("serving wasi:keyvalue/store@0.2.0-draft", START);
        WitValue value = ok(call(client, KeyValueWit.GET, orders, s("a")));
        assertEquals(WitValue.some(bytes("1")), value, "the old bucket handle still works");
        provider.terminate(Duration.ofSeconds(30));
      }
    }
  }

  @Test
  void blobstoreFsDrainsADownloadInFlightOnSigterm() throws Exception {
    Path root = dir.resolve("blobs");
    try (TestNats nats = TestNats.start(dir.resolve("nats"));
        Connection connection = connect(nats);
        CliProcess provider =
            CliProcess.start(
                dir.resolve("blob"),
                Map.of(),
                "provider",
                "blobstore-fs",
                "--root",
                root.toString(),
                "--nats",
                nats.clientUrl(),
                "--prefix",
                "it.blob",
                "--heartbeat-interval",
                "1s")) {
      provider.awaitOutput("serving wrpc:blobstore/blobstore@0.2.0", START);
      // a small buffer keeps the provider at most 512 KiB ahead, so the stream is still being
      // produced when SIGTERM arrives
      WrpcClient client = client(connection, "it.blob", 1 << 20);
      ok(call(client, BlobstoreWit.CREATE_CONTAINER, s("media")));
      byte[] data = new byte[6 << 20];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) (i * 31 + (i >>> 11));
      }
      upload(client, id("media", "video/clip.bin"), data);
      assertEquals(data.length, Files.size(root.resolve("media/video/clip.bin")));
      WitValue.ResultValue refused =
          (WitValue.ResultValue)
              call(client, BlobstoreWit.HAS_OBJECT, id("media", "../../etc/passwd"));
      assertTrue(!refused.isOk(), "a name with .. is refused");
      String why = ((WitValue.StringValue) refused.payload().orElseThrow()).value();
      assertTrue(why.contains("'..' segments are not allowed"), why);

      Subscription beats = connection.subscribe(Subjects.providerHeartbeat("blobstore-fs"));
      connection.flush(DEADLINE);
      try (InvocationResult download =
          client.invoke(
              BlobstoreWit.GET_CONTAINER_DATA,
              List.of(id("media", "video/clip.bin"), WitValue.u64(0), WitValue.u64(-1)),
              InvokeOptions.defaults().withTimeout(DEADLINE))) {
        IncomingStream body = download.stream(IndexPath.of(0, 0));
        byte[] received = new byte[data.length];
        int at = body.read(received, 0, 64 * 1024);
        provider.handle().destroy(); // SIGTERM while the stream is in flight
        provider.awaitOutput("draining", DEADLINE.multipliedBy(5));
        for (int n = at; n >= 0 && at < data.length; ) {
          n = body.read(received, at, data.length - at);
          at += Math.max(n, 0);
        }
        assertEquals(data.length, at);
        assertTrue(Arrays.equals(data, received), "every byte arrived intact");
        assertEquals(Optional.of(WitValue.ok()), download.future(IndexPath.of(0, 1)).await());
      }
      awaitBeat(beats, "\"state\":\"stopped\"");
      provider.waitFor(Duration.ofSeconds(30));
      provider.awaitOutput("Provider blobstore-fs stopped.", DEADLINE);
    }
  }

  // ---- helpers ----

  private static Connection connect(TestNats nats) {
    return NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "provider-it"));
  }

  /** A client that keeps the provider's handle bytes, as a host's wRPC plugin does. */
  private static WrpcClient client(Connection connection, String prefix, long maxBuffered) {
    return WrpcClient.create(
        connection,
        WrpcTransportConfig.of(prefix)
            .withMaxBufferedBytes(maxBuffered)
            .withCodec(WrpcCodec.create(WrpcCodecOptions.defaults(), HandleTable.withRandomIds())));
  }

  private static WitValue call(WrpcClient client, WrpcFunction function, WitValue... params) {
    return client
        .invoke(function, List.of(params), InvokeOptions.defaults().withTimeout(DEADLINE))
        .values()
        .get(0);
  }

  private static WitValue ok(WitValue result) {
    WitValue.ResultValue r = assertInstanceOf(WitValue.ResultValue.class, result);
    assertTrue(r.isOk(), "expected ok, got " + result);
    return r.payload().orElse(WitValue.bool(true));
  }

  private static void upload(WrpcClient client, WitValue id, byte[] data) {
    try (InvocationResult result =
        client.invoke(
            BlobstoreWit.WRITE_CONTAINER_DATA,
            List.of(id, WitValue.StreamValue.pending()),
            InvokeOptions.defaults()
                .withTimeout(DEADLINE)
                .withAsync(
                    IndexPath.of(1),
                    AsyncSource.bytes(new ByteArrayInputStream(data), 256 << 10)))) {
      ok(result.values().get(0));
      assertEquals(Optional.of(WitValue.ok()), result.future(IndexPath.of(0)).await());
    }
  }

  private static void awaitBeat(Subscription beats, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Message beat = beats.nextMessage(Duration.ofSeconds(1));
      if (beat != null && new String(beat.getData(), StandardCharsets.UTF_8).contains(expected)) {
        return;
      }
    }
    throw new AssertionError("no heartbeat with " + expected);
  }

  private static WitValue id(String container, String object) {
    return WitValue.record(
        WitValue.field("container", s(container)), WitValue.field("object", s(object)));
  }

  private static WitValue s(String value) {
    return WitValue.string(value);
  }

  private static WitValue bytes(String value) {
    return Values.bytes(value.getBytes(StandardCharsets.UTF_8));
  }
}
