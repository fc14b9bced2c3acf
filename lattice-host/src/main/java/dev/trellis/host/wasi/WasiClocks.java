package dev.trellis.host.wasi;

import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.wrpc.wit.WitValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code wasi:clocks} 0.2: the wall clock and the monotonic clock with its timers, both taken from
 * the instance's {@link WasiContext} so that embedders and tests choose the time. Timers are
 * pollables that really wait (see {@link MonotonicClock#sleepUntil}).
 */
final class WasiClocks {
  /** The wall clock's advertised resolution: Java clocks tick in microseconds at best here. */
  private static final Instant WALL_RESOLUTION = Instant.ofEpochSecond(0, 1_000);

  private WasiClocks() {}

  static List<HostInterface> interfaces(String version, Optional<WasiContext> fallback) {
    return List.of(
        HostInterface.builder("wasi:clocks/wall-clock@" + version)
            .function("now", (ctx, a) -> datetime(ctx(ctx, fallback).wallClock().instant()))
            .function("resolution", (ctx, a) -> datetime(WALL_RESOLUTION))
            .build(),
        HostInterface.builder("wasi:clocks/monotonic-clock@" + version)
            .function("now", (ctx, a) -> WitValue.u64(clock(ctx, fallback).now()))
            .function("resolution", (ctx, a) -> WitValue.u64(clock(ctx, fallback).resolution()))
            .function(
                "subscribe-instant",
                (ctx, a) -> timer(ctx, clock(ctx, fallback), WitArgs.u64(a.get(0))))
            .function(
                "subscribe-duration",
                (ctx, a) -> {
                  MonotonicClock clock = clock(ctx, fallback);
                  long now = clock.now();
                  long duration = WitArgs.u64(a.get(0));
                  long when = now + duration;
                  boolean overflow = Long.compareUnsigned(when, now) < 0;
                  return timer(ctx, clock, overflow ? -1L : when);
                })
            .build());
  }

  /** A {@code wasi:clocks/wall-clock.datetime} (also used by file timestamps). */
  static WitValue datetime(Instant instant) {
    long seconds = Math.max(0, instant.getEpochSecond());
    int nanos = instant.getEpochSecond() < 0 ? 0 : instant.getNano();
    return WitValue.record(
        WitValue.field("seconds", WitValue.u64(seconds)),
        WitValue.field("nanoseconds", WitValue.u32(nanos)));
  }

  private static WasiContext ctx(CallContext call, Optional<WasiContext> fallback) {
    return WasiState.of(call, fallback).context();
  }

  private static MonotonicClock clock(CallContext call, Optional<WasiContext> fallback) {
    return ctx(call, fallback).monotonicClock();
  }

  private static WitValue timer(CallContext ctx, MonotonicClock clock, long instant) {
    return WasiIo.POLLABLE.own(ctx, Pollables.timer(clock, instant));
  }
}
