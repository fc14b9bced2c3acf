package dev.trellis.host.wasi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The pollables WASI itself makes (always ready, timers) and {@code wasi:io/poll.poll}. */
final class Pollables {
  /** How long {@link #poll} waits on one of several non-timer pollables before checking others. */
  private static final long SLICE_NANOS = 1_000_000;

  static final WasiPollable READY =
      new WasiPollable() {
        @Override
        public boolean ready() {
          return true;
        }

        @Override
        public boolean await(long timeoutNanos) {
          return true;
        }
      };

  private Pollables() {}

  /** A pollable ready once {@code clock} reaches {@code instant} (compared as unsigned). */
  static WasiPollable timer(MonotonicClock clock, long instant) {
    return new Timer(clock, instant);
  }

  /** Timer pollable of {@code wasi:clocks/monotonic-clock}; waiting really sleeps. */
  private record Timer(MonotonicClock clock, long instant) implements WasiPollable {
    @Override
    public boolean ready() {
      return Long.compareUnsigned(clock.now(), instant) >= 0;
    }

    @Override
    public boolean await(long timeoutNanos) {
      long now = clock.now();
      if (Long.compareUnsigned(now, instant) >= 0) {
        return true;
      }
      long remaining = instant - now;
      clock.sleepUntil(remaining <= timeoutNanos ? instant : now + timeoutNanos);
      return ready();
    }

    @Override
    public void block() {
      if (!ready()) {
        clock.sleepUntil(instant);
      }
    }

    @Override
    public Optional<Long> readyAt() {
      return Optional.of(instant);
    }
  }

  /**
   * Waits until at least one of {@code pollables} is ready and returns the indices of the ready
   * ones. Timers are waited for exactly; when several non-timer pollables are involved they are
   * checked in turn every millisecond.
   */
  static List<Integer> poll(List<WasiPollable> pollables, MonotonicClock clock) {
    int turn = 0;
    while (true) {
      List<Integer> ready = new ArrayList<>();
      List<WasiPollable> others = new ArrayList<>();
      Optional<Long> earliest = Optional.empty();
      for (int i = 0; i < pollables.size(); i++) {
        WasiPollable p = pollables.get(i);
        if (p.ready()) {
          ready.add(i);
        }
        Optional<Long> at = p.readyAt();
        if (at.isEmpty()) {
          others.add(p);
        } else if (earliest.isEmpty() || Long.compareUnsigned(at.get(), earliest.get()) < 0) {
          earliest = at;
        }
      }
      if (!ready.isEmpty()) {
        return ready;
      }
      long untilTimer = earliest.map(at -> Math.max(0, at - clock.now())).orElse(Long.MAX_VALUE);
      if (others.isEmpty()) {
        clock.sleepUntil(earliest.orElseThrow());
      } else {
        long wait = others.size() == 1 ? untilTimer : Math.min(untilTimer, SLICE_NANOS);
        others.get(turn++ % others.size()).await(wait);
      }
    }
  }
}
