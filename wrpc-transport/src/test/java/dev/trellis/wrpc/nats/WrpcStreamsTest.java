package dev.trellis.wrpc.nats;

import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static dev.trellis.wrpc.wit.WitType.Primitive.U64;
import static dev.trellis.wrpc.wit.WitType.Primitive.U8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsServer;
import dev.trellis.wrpc.codec.IndexPath;
import dev.trellis.wrpc.wit.WitType.FutureType;
import dev.trellis.wrpc.wit.WitType.StreamType;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.FutureValue;
import dev.trellis.wrpc.wit.WitValue.StreamValue;
import io.nats.client.Connection;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Futures and streams over a real nats-server, including a 100 MB byte stream. */
class WrpcStreamsTest {
  private static final Logger LOG = LoggerFactory.getLogger(WrpcStreamsTest.class);
  private static final StreamType BYTES = new StreamType(Optional.of(U8));
  private static final long HUNDRED_MB = 100L << 20;

  @TempDir static Path dir;
  static NatsServer nats;
  static Connection serverSide;
  static Connection clientSide;
  static WrpcServer server;
  static WrpcClient client;

  @BeforeAll
  static void start() {
    nats = TestNats.start(dir);
    serverSide = TestNats.connect(nats.clientUrl(), "streams-server");
    clientSide = TestNats.connect(nats.clientUrl(), "streams-client");
    server = WrpcServer.create(serverSide, WrpcTransportConfig.of("streams"));
    client = WrpcClient.create(clientSide, WrpcTransportConfig.of("streams"));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    client.close();
    server.close();
    serverSide.close();
    clientSide.close();
    nats.close();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aHundredMegabyteStreamCrossesWithoutEitherSideHoldingIt() {
    WrpcFunction download =
        WrpcFunction.of("trellis:test/blob", "download", List.of(U64), List.of(BYTES));
    try (ServedFunction served = server.serve(download, WrpcStreamsTest::download)) {
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      long baseline = usedAfterGc(memory);
      long peak = 0;
      long received = 0;
      long start = System.nanoTime();
      try (InvocationResult result =
          client.invoke(download, List.of(WitValue.u64(HUNDRED_MB)), InvokeOptions.defaults())) {
        assertEquals(List.of(StreamValue.pending()), result.values());
        IncomingStream body = result.stream(IndexPath.of(0));
        byte[] buffer = new byte[64 * 1024];
        long nextSample = 10L << 20;
        for (int n = body.read(buffer, 0, buffer.length);
            n >= 0;
            n = body.read(buffer, 0, buffer.length)) {
          for (int i = 0; i < n; i++) {
            if (buffer[i] != (byte) (received + i)) {
              throw new AssertionError("byte " + (received + i) + " is wrong");
            }
          }
          received += n;
          if (received >= nextSample) {
            peak = Math.max(peak, usedAfterGc(memory) - baseline);
            nextSample += 10L << 20;
          }
        }
        assertTrue(body.isDone());
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      LOG.info("stream_100mb millis={} peak_heap_growth_mb={}", millis, peak >> 20);
      assertEquals(HUNDRED_MB, received);
      assertTrue(peak < 40L << 20, "heap grew by " + (peak >> 20) + " MB while streaming");
      assertEquals(0, client.openCalls());
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aFastProducerWaitsForASlowConsumer() {
    WrpcFunction download =
        WrpcFunction.of("trellis:test/blob", "paced", List.of(U64), List.of(BYTES));
    AtomicLong produced = new AtomicLong();
    long window = 1L << 20;
    try (ServedFunction served = server.serve(download, call -> counted(call, produced));
        WrpcClient slow =
            WrpcClient.create(
                clientSide, WrpcTransportConfig.of("streams").withMaxBufferedBytes(2 * window));
        InvocationResult result =
            slow.invoke(download, List.of(WitValue.u64(8L << 20)), InvokeOptions.defaults())) {
      IncomingStream body = result.stream(IndexPath.of(0));
      byte[] buffer = new byte[64 * 1024];
      long consumed = 0;
      long maxAhead = 0;
      for (int n = body.read(buffer, 0, buffer.length);
          n >= 0;
          n = body.read(buffer, 0, buffer.length)) {
        consumed += n;
        maxAhead = Math.max(maxAhead, produced.get() - consumed);
        LockSupport.parkNanos(2_000_000);
      }
      LOG.info("paced_stream max_ahead_bytes={}", maxAhead);
      assertEquals(8L << 20, consumed);
      assertTrue(maxAhead <= window + (512 << 10), "producer ran " + maxAhead + " bytes ahead");
    }
  }

  private static WrpcReply counted(WrpcCall call, AtomicLong produced) {
    long size = ((WitValue.U64Value) call.params().get(0)).value();
    return WrpcReply.of(StreamValue.pending())
        .withAsync(
            IndexPath.of(0),
            AsyncSource.stream(
                sink -> {
                  byte[] chunk = new byte[128 * 1024];
                  for (long sent = 0; sent < size; sent += chunk.length) {
                    sink.writeBytes(chunk);
                    produced.addAndGet(chunk.length);
                  }
                }));
  }

  @Test
  void streamParamsFutureResultsAndReadyStreamsRoundTrip() {
    FutureType futureString = new FutureType(Optional.of(STRING));
    StreamType numbers = new StreamType(Optional.of(U32));
    WrpcFunction upload =
        WrpcFunction.of(
            "trellis:test/blob",
            "upload",
            List.of(STRING, BYTES),
            List.of(U64, futureString, numbers, new StreamType(Optional.of(STRING))));
    try (ServedFunction served = server.serve(upload, WrpcStreamsTest::upload)) {
      byte[] body = new byte[300_000];
      for (int i = 0; i < body.length; i++) {
        body[i] = (byte) (i * 7);
      }
      InvokeOptions options =
          InvokeOptions.defaults()
              .withAsync(
                  IndexPath.of(1), AsyncSource.bytes(new ByteArrayInputStream(body), 10_000));
      try (InvocationResult result =
          client.invoke(
              upload, List.of(WitValue.string("name.bin"), StreamValue.pending()), options)) {
        assertEquals(WitValue.u64(300_000), result.values().get(0));
        assertEquals(
            Optional.of(WitValue.string("stored name.bin")),
            result.future(IndexPath.of(1)).await());
        List<WitValue> counted = new ArrayList<>();
        IncomingStream stream = result.stream(IndexPath.of(2));
        for (var chunk = stream.next(); chunk.isPresent(); chunk = stream.next()) {
          counted.addAll(chunk.get());
        }
        assertEquals(
            List.of(WitValue.u32(0), WitValue.u32(1), WitValue.u32(2), WitValue.u32(3)), counted);
        assertEquals(
            List.of(WitValue.string("a"), WitValue.string("b")),
            result.stream(IndexPath.of(3)).readAll());
      }
    }
  }

  @Test
  void aStreamWhoseProducerFailsEndsWithTheReason() {
    WrpcFunction broken = WrpcFunction.of("trellis:test/blob", "broken", List.of(), List.of(BYTES));
    try (ServedFunction served =
        server.serve(
            broken,
            call ->
                WrpcReply.of(StreamValue.pending())
                    .withAsync(
                        IndexPath.of(0),
                        AsyncSource.stream(
                            sink -> {
                              sink.writeBytes(new byte[] {1, 2, 3});
                              throw new IllegalStateException("disk unplugged");
                            })))) {
      try (InvocationResult result = client.invoke(broken, List.of(), InvokeOptions.defaults())) {
        IncomingStream stream = result.stream(IndexPath.of(0));
        byte[] buffer = new byte[16];
        assertEquals(3, stream.read(buffer, 0, 16));
        WrpcCallException.RemoteError e =
            assertThrows(WrpcCallException.RemoteError.class, () -> stream.read(buffer, 0, 16));
        assertTrue(e.getMessage().contains("disk unplugged"), e.getMessage());
      }
    }
  }

  private static WrpcReply download(WrpcCall call) {
    long size = ((WitValue.U64Value) call.params().get(0)).value();
    return WrpcReply.of(StreamValue.pending())
        .withAsync(
            IndexPath.of(0),
            AsyncSource.stream(
                sink -> {
                  byte[] chunk = new byte[256 * 1024];
                  for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) i;
                  }
                  for (long sent = 0; sent < size; sent += chunk.length) {
                    sink.writeBytes(chunk, 0, (int) Math.min(chunk.length, size - sent));
                  }
                }));
  }

  private static WrpcReply upload(WrpcCall call) {
    String name = ((WitValue.StringValue) call.params().get(0)).value();
    IncomingStream body = call.stream(IndexPath.of(1));
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n = body.read(buffer, 0, buffer.length);
        n >= 0;
        n = body.read(buffer, 0, buffer.length)) {
      for (int i = 0; i < n; i++) {
        if (buffer[i] != (byte) ((total + i) * 7)) {
          throw new IllegalStateException("upload byte " + (total + i) + " is wrong");
        }
      }
      total += n;
    }
    return new WrpcReply(
        List.of(
            WitValue.u64(total),
            FutureValue.pending(),
            StreamValue.pending(),
            StreamValue.ready(List.of(WitValue.string("a"), WitValue.string("b")))),
        Map.of(
            IndexPath.of(1),
            AsyncSource.future(() -> Optional.of(WitValue.string("stored " + name))),
            IndexPath.of(2),
            AsyncSource.stream(
                sink -> {
                  sink.write(List.of(WitValue.u32(0), WitValue.u32(1)));
                  sink.write(List.of(WitValue.u32(2)));
                  sink.write(List.of(WitValue.u32(3)));
                })));
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
