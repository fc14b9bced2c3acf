package dev.trellis.wrpc.resilience;

import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsServer;
import dev.trellis.wrpc.nats.InvokeOptions;
import dev.trellis.wrpc.nats.ServedFunction;
import dev.trellis.wrpc.nats.TestNats;
import dev.trellis.wrpc.nats.WrpcCallException;
import dev.trellis.wrpc.nats.WrpcClient;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.nats.WrpcReply;
import dev.trellis.wrpc.nats.WrpcServer;
import dev.trellis.wrpc.nats.WrpcTransportConfig;
import dev.trellis.wrpc.wit.WitValue;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deadline, circuit breaker, bulkhead and retries around real wRPC calls. */
class ResilientWrpcClientTest {
  private static final String PREFIX = "resilient";

  @TempDir static Path dir;
  static NatsServer nats;
  static Connection connection;
  static WrpcServer server;
  static WrpcClient plain;

  private final MutableClock clock = new MutableClock();

  @BeforeAll
  static void start() {
    nats = TestNats.start(dir);
    connection = TestNats.connect(nats.clientUrl(), "resilience");
    server = WrpcServer.create(connection, WrpcTransportConfig.of(PREFIX));
    plain = WrpcClient.create(connection, WrpcTransportConfig.of(PREFIX));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    plain.close();
    server.close();
    connection.close();
    nats.close();
  }

  private ResilientWrpcClient client;

  @BeforeEach
  void wrap() {
    client =
        ResilientWrpcClient.wrap(
            plain,
            ResilienceConfig.defaults()
                .withDeadline(Duration.ofSeconds(2))
                .withCircuitBreaker(
                    new ResilienceConfig.CircuitBreakerPolicy(50f, 4, 4, Duration.ofSeconds(10), 1))
                .withRetry(
                    new ResilienceConfig.RetryPolicy(
                        3, Duration.ofMillis(10), 2.0, Duration.ofMillis(50)))
                .withBulkhead(new ResilienceConfig.BulkheadPolicy(1, Duration.ZERO))
                .withIdempotent(
                    ResilienceConfig.Idempotency.none().withFunction("trellis:test/flaky", "get"))
                .withClock(clock));
  }

  @AfterEach
  void unwrap() {
    client.close();
  }

  @Test
  void circuitOpensAfterFailuresAndRecoversThroughHalfOpen() {
    WrpcFunction fn = fn("trellis:test/breaker", "ping");
    for (int i = 0; i < 4; i++) {
      assertThrows(WrpcCallException.NoResponders.class, () -> call(fn));
    }
    assertEquals(CircuitBreaker.State.OPEN, client.circuitState(fn));
    WrpcCallException.CircuitOpen open =
        assertThrows(WrpcCallException.CircuitOpen.class, () -> call(fn));
    assertTrue(open.getMessage().contains(fn.subject(PREFIX)), open.getMessage());

    try (ServedFunction served = server.serve(fn, call -> WrpcReply.of(WitValue.u32(1)))) {
      assertThrows(WrpcCallException.CircuitOpen.class, () -> call(fn));
      clock.advance(Duration.ofSeconds(11));
      assertEquals(List.of(WitValue.u32(1)), call(fn));
      assertEquals(CircuitBreaker.State.CLOSED, client.circuitState(fn));
    }
  }

  @Test
  void onlyIdempotentFunctionsAreRetried() {
    WrpcFunction idempotent = fn("trellis:test/flaky", "get");
    WrpcFunction other = fn("trellis:test/flaky", "put");
    AtomicInteger gets = new AtomicInteger();
    AtomicInteger puts = new AtomicInteger();
    try (ServedFunction g = server.serve(idempotent, call -> flaky(gets));
        ServedFunction p = server.serve(other, call -> flaky(puts))) {
      assertEquals(List.of(WitValue.u32(3)), call(idempotent));
      assertEquals(3, gets.get());
      WrpcCallException.RemoteError e =
          assertThrows(WrpcCallException.RemoteError.class, () -> call(other));
      assertTrue(e.getMessage().contains("attempt 1"), e.getMessage());
      assertEquals(1, puts.get());
    }
  }

  @Test
  void theBulkheadRejectsCallsBeyondTheHostLimit() throws Exception {
    WrpcFunction fn = fn("trellis:test/slow", "work");
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (ServedFunction served =
        server.serve(
            fn,
            call -> {
              entered.countDown();
              await(release);
              return WrpcReply.of(WitValue.u32(9));
            })) {
      AtomicReference<List<WitValue>> first = new AtomicReference<>();
      Thread caller = Thread.ofVirtual().start(() -> first.set(call(fn)));
      assertTrue(entered.await(5, TimeUnit.SECONDS));
      assertThrows(WrpcCallException.BulkheadFull.class, () -> call(fn));
      release.countDown();
      caller.join(Duration.ofSeconds(5));
      assertEquals(List.of(WitValue.u32(9)), first.get());
    }
  }

  @Test
  void theDeadlineEndsACallThatHangs() {
    WrpcFunction fn = fn("trellis:test/stuck", "forever");
    CountDownLatch never = new CountDownLatch(1);
    try (ServedFunction served =
        server.serve(
            fn,
            call -> {
              await(never);
              return WrpcReply.of(WitValue.u32(0));
            })) {
      long start = System.nanoTime();
      assertThrows(
          WrpcCallException.Timeout.class,
          () ->
              client.invoke(
                  fn, List.of(), InvokeOptions.defaults().withTimeout(Duration.ofMillis(250))));
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
    } finally {
      never.countDown();
    }
  }

  private List<WitValue> call(WrpcFunction fn) {
    return client.invoke(fn, List.of(), InvokeOptions.defaults()).values();
  }

  private static WrpcReply flaky(AtomicInteger attempts) {
    int attempt = attempts.incrementAndGet();
    if (attempt < 3) {
      throw new IllegalStateException("attempt " + attempt + " failed");
    }
    return WrpcReply.of(WitValue.u32(attempt));
  }

  private static WrpcFunction fn(String instance, String name) {
    return WrpcFunction.of(instance, name, List.of(), List.of(U32));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now =
        new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    void advance(Duration by) {
      now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
