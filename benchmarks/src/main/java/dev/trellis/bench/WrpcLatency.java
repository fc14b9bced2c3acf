package dev.trellis.bench;

import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.wrpc.nats.InvokeOptions;
import dev.trellis.wrpc.nats.WrpcClient;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.nats.WrpcReply;
import dev.trellis.wrpc.nats.WrpcServer;
import dev.trellis.wrpc.nats.WrpcTransportConfig;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small wRPC call — {@code echo(string) -> string} with a 16-byte string — beside its floor, a
 * raw jnats request/reply carrying the same 17 bytes (the string as wRPC encodes it) to a responder
 * that echoes them. Both run through the same local nats-server, caller and callee on separate
 * connections as a host and a provider would be, in the same run: round-trip latency one call at a
 * time (p50, p99), then throughput with {@code concurrency} virtual threads calling at once. Every
 * loop is bounded by a count and by time.
 */
final class WrpcLatency {
  private static final String TEXT = "0123456789abcdef";
  private static final WrpcFunction ECHO =
      WrpcFunction.of(
          "trellis:bench/echo",
          "echo",
          List.of(WitType.Primitive.STRING),
          List.of(WitType.Primitive.STRING));
  private static final String RAW_SUBJECT = "bench.raw.echo";
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
  private static final byte[] RAW_PAYLOAD = rawPayload();
  private static final int BLOCK = 100;

  private WrpcLatency() {}

  /** The round trip and throughput figures. */
  static List<Figure> run(int iterations, int concurrency, Duration budget) throws Exception {
    Path dir = Files.createTempDirectory("trellis-bench-wrpc");
    try (NatsServer nats = NatsServer.startLocal(dir)) {
      Connection provider = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "echo"));
      Connection caller = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "caller"));
      WrpcTransportConfig config = WrpcTransportConfig.of("bench").withQueueGroup("bench");
      Dispatcher raw =
          provider.createDispatcher(m -> provider.publish(m.getReplyTo(), m.getData()));
      raw.subscribe(RAW_SUBJECT);
      try (WrpcServer server = WrpcServer.create(provider, config);
          WrpcClient client = WrpcClient.create(caller, config)) {
        server.serve(ECHO, call -> WrpcReply.of(call.params()));
        provider.flush(Duration.ofSeconds(5));
        Call wrpc = () -> wrpcEcho(client);
        Call floor = () -> rawEcho(caller);
        warmUp(wrpc, floor, iterations, budget);
        return figures(wrpc, floor, iterations, concurrency, budget);
      } finally {
        NatsConnector.closeQuietly(caller);
        NatsConnector.closeQuietly(provider);
      }
    }
  }

  private static List<Figure> figures(
      Call wrpc, Call floor, int iterations, int concurrency, Duration budget) throws Exception {
    long[][] samples = interleaved(floor, wrpc, iterations, budget);
    Percentiles floorP = new Percentiles(samples[0]);
    Percentiles wrpcP = new Percentiles(samples[1]);
    double[] rates = new double[2];
    for (int round = 0; round < 2; round++) {
      rates[0] += throughput(floor, iterations * 2, concurrency, budget) / 2;
      rates[1] += throughput(wrpc, iterations * 2, concurrency, budget) / 2;
    }
    String threads = concurrency + " virtual threads";
    return List.of(
        new Figure(
            "wRPC echo(16 B string) p50",
            "ms",
            wrpcP.millis(50),
            floorP.millis(50),
            "jnats request/reply echo (17 B) p50",
            2.0),
        new Figure(
            "wRPC echo(16 B string) p99",
            "ms",
            wrpcP.millis(99),
            floorP.millis(99),
            "jnats request/reply echo (17 B) p99",
            0),
        new Figure(
            "wRPC echo throughput, " + threads,
            "call/s",
            rates[1],
            rates[0],
            "jnats request/reply echo, " + threads,
            0));
  }

  /**
   * Latencies in nanoseconds of up to {@code count} calls of each, one call at a time, the two
   * alternating in blocks of {@value #BLOCK} so that drift (JIT, GC, other load on the machine)
   * weighs on both alike.
   */
  private static long[][] interleaved(Call a, Call b, int count, Duration budget) throws Exception {
    long[][] samples = {new long[count], new long[count]};
    Call[] calls = {a, b};
    long deadline = System.nanoTime() + budget.toNanos();
    int done = 0;
    while (done < count && System.nanoTime() < deadline) {
      int block = Math.min(BLOCK, count - done);
      for (int which = 0; which < 2; which++) {
        for (int i = 0; i < block; i++) {
          long start = System.nanoTime();
          calls[which].run();
          samples[which][done + i] = System.nanoTime() - start;
        }
      }
      done += block;
    }
    int n = Math.max(1, done);
    return new long[][] {Arrays.copyOf(samples[0], n), Arrays.copyOf(samples[1], n)};
  }

  /** One call, blocking until it is answered. */
  @FunctionalInterface
  private interface Call {
    void run() throws Exception;
  }

  private static void wrpcEcho(WrpcClient client) {
    List<WitValue> out =
        client
            .invoke(
                ECHO,
                List.of(WitValue.string(TEXT)),
                InvokeOptions.defaults().withTimeout(CALL_TIMEOUT))
            .values();
    if (!out.equals(List.of(WitValue.string(TEXT)))) {
      throw new IllegalStateException("echo returned " + out);
    }
  }

  /** The 17 bytes the wRPC call's params are: the length (16) and the string. */
  private static byte[] rawPayload() {
    byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[text.length + 1];
    out[0] = (byte) text.length;
    System.arraycopy(text, 0, out, 1, text.length);
    return out;
  }

  private static void rawEcho(Connection caller) throws Exception {
    Message reply = caller.request(RAW_SUBJECT, RAW_PAYLOAD, CALL_TIMEOUT);
    if (reply == null || reply.getData().length != RAW_PAYLOAD.length) {
      throw new IllegalStateException("no echo on " + RAW_SUBJECT);
    }
  }

  private static void warmUp(Call wrpc, Call floor, int iterations, Duration budget)
      throws Exception {
    interleaved(floor, wrpc, iterations, budget);
    throughput(floor, iterations, 8, budget);
    throughput(wrpc, iterations, 8, budget);
  }

  /**
   * Calls per second with {@code concurrency} virtual threads sharing up to {@code total} calls,
   * stopping at the budget.
   */
  private static double throughput(Call call, int total, int concurrency, Duration budget)
      throws Exception {
    AtomicLong remaining = new AtomicLong(total);
    AtomicLong completed = new AtomicLong();
    long deadline = System.nanoTime() + budget.toNanos();
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < concurrency; t++) {
        workers.add(
            pool.submit(
                () -> {
                  while (remaining.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                    call.run();
                    completed.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return completed.get() / seconds;
  }
}
