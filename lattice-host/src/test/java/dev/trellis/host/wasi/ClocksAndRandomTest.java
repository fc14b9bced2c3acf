package dev.trellis.host.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.wrpc.wit.WitValue;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code wasi:clocks} and {@code wasi:random}, with real and injected clocks and sources. */
class ClocksAndRandomTest {
  private static final String MONO = "wasi:clocks/monotonic-clock";
  private static final Duration BOUND = Duration.ofSeconds(10);

  /** A clock that only moves when someone waits on it. */
  private static final class ManualClock implements MonotonicClock {
    final AtomicLong now = new AtomicLong(1_000);

    @Override
    public long now() {
      return now.get();
    }

    @Override
    public void sleepUntil(long instant) {
      now.accumulateAndGet(instant, Math::max);
    }
  }

  @Test
  void monotonicTimeIncreasesAndADurationReallyWaits() {
    HostCalls c = new HostCalls(WasiContext.empty());
    long first = WitArgs.u64(c.call(MONO, "now"));
    WitValue pollable = c.call(MONO, "subscribe-duration", WitValue.u64(50_000_000));
    long start = System.nanoTime();
    assertTimeoutPreemptively(
        BOUND, () -> c.call("wasi:io/poll", "[method]pollable.block", pollable));
    long waited = System.nanoTime() - start;
    long second = WitArgs.u64(c.call(MONO, "now"));
    assertTrue(waited >= 45_000_000, "waited only " + waited + " ns");
    assertTrue(second - first >= 50_000_000, "clock moved only " + (second - first) + " ns");
    assertEquals(WitValue.bool(true), c.call("wasi:io/poll", "[method]pollable.ready", pollable));
  }

  @Test
  void pollReturnsTheTimerThatFiresFirst() {
    HostCalls c = new HostCalls(WasiContext.empty());
    WitValue slow = c.call(MONO, "subscribe-duration", WitValue.u64(Duration.ofHours(1).toNanos()));
    WitValue fast = c.call(MONO, "subscribe-duration", WitValue.u64(20_000_000));
    assertEquals(WitValue.bool(false), c.call("wasi:io/poll", "[method]pollable.ready", slow));
    WitValue ready =
        assertTimeoutPreemptively(
            BOUND,
            () -> c.call("wasi:io/poll", "poll", new WitValue.ListValue(List.of(slow, fast))));
    assertEquals(new WitValue.ListValue(List.of(WitValue.u32(1))), ready);
  }

  @Test
  void anInjectedClockDecidesTimeAndTimers() {
    ManualClock clock = new ManualClock();
    Instant wall = Instant.parse("2024-02-29T12:00:00.123456789Z");
    HostCalls c =
        new HostCalls(
            WasiContext.builder()
                .monotonicClock(clock)
                .wallClock(InstantSource.fixed(wall))
                .build());
    assertEquals(WitValue.u64(1_000), c.call(MONO, "now"));
    WitValue at = c.call(MONO, "subscribe-instant", WitValue.u64(5_000));
    WitValue soon = c.call(MONO, "subscribe-duration", WitValue.u64(9_000));
    assertEquals(
        new WitValue.ListValue(List.of(WitValue.u32(1))),
        c.call("wasi:io/poll", "poll", new WitValue.ListValue(List.of(soon, at))));
    assertEquals(5_000, clock.now(), "poll waited exactly until the earlier timer");
    c.call("wasi:io/poll", "[method]pollable.block", soon);
    assertEquals(10_000, clock.now());
    assertEquals(
        WitValue.record(
            WitValue.field("seconds", WitValue.u64(wall.getEpochSecond())),
            WitValue.field("nanoseconds", WitValue.u32(123_456_789))),
        c.call("wasi:clocks/wall-clock", "now"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 16, 4096, 100_000})
  void randomBytesHaveTheRequestedLength(int length) {
    HostCalls c = new HostCalls(WasiContext.empty());
    for (String[] f :
        new String[][] {
          {"wasi:random/random", "get-random-bytes"},
          {"wasi:random/insecure", "get-insecure-random-bytes"}
        }) {
      WitValue bytes = c.call(f[0], f[1], WitValue.u64(length));
      assertEquals(length, WitArgs.bytes(bytes).length, f[1]);
    }
  }

  @Test
  void injectedSourcesAreUsedAndTheSeedIsStable() {
    HostCalls c =
        new HostCalls(
            WasiContext.builder()
                .random(new SplittableRandom(1))
                .insecureRandom(new SplittableRandom(2))
                .build());
    assertEquals(
        WitValue.u64(new SplittableRandom(2).nextLong()),
        c.call("wasi:random/insecure", "get-insecure-random-u64"));
    WitValue seed = c.call("wasi:random/insecure-seed", "insecure-seed");
    assertEquals(seed, c.call("wasi:random/insecure-seed", "insecure-seed"));
    SplittableRandom expected = new SplittableRandom(1);
    assertEquals(
        WitValue.tuple(WitValue.u64(expected.nextLong()), WitValue.u64(expected.nextLong())), seed);
    assertEquals(WitValue.u64(expected.nextLong()), c.call("wasi:random/random", "get-random-u64"));
    assertNotEquals(
        c.call("wasi:random/random", "get-random-u64"),
        c.call("wasi:random/random", "get-random-u64"));
  }
}
