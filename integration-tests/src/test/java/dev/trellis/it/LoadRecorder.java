package dev.trellis.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Continuous load against a lattice while faults are injected: each named loop calls its target
 * over and over (bounded by count and time) and every call is recorded with when it started and
 * ended and whether it succeeded, so a fault's row can count the calls of its period and tell
 * failures inside the fault window from failures outside it.
 */
final class LoadRecorder implements AutoCloseable {
  /** One finished call. Times are {@link System#nanoTime()} values. */
  record Call(String loop, long startNanos, long endNanos, boolean ok) {}

  /** Calls that started in a period, and how many of them failed inside and outside a window. */
  record Counts(int ok, int failedInside, int failedOutside) {
    int failed() {
      return failedInside + failedOutside;
    }
  }

  private static final int MAX_CALLS_PER_LOOP = 200_000;
  private static final Duration MAX_RUN = Duration.ofMinutes(12);

  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> loops = new ArrayList<>();
  private final Duration pause;

  /** A recorder whose loops wait {@code pause} between calls, to keep a shared machine usable. */
  LoadRecorder(Duration pause) {
    this.pause = pause;
  }

  /** Starts a loop named {@code loop} calling {@code call} (true = success) until closed. */
  void loop(String loop, BooleanSupplier call) {
    loops.add(
        Thread.ofVirtual()
            .name("load-" + loop)
            .start(
                () -> {
                  long deadline = System.nanoTime() + MAX_RUN.toNanos();
                  for (int i = 0;
                      i < MAX_CALLS_PER_LOOP && running.get() && System.nanoTime() < deadline;
                      i++) {
                    long start = System.nanoTime();
                    boolean ok;
                    try {
                      ok = call.getAsBoolean();
                    } catch (RuntimeException e) {
                      ok = false;
                    }
                    calls.add(new Call(loop, start, System.nanoTime(), ok));
                    LockSupport.parkNanos(pause.toNanos());
                  }
                }));
  }

  /**
   * The calls of loops whose name starts with {@code prefix} that started in {@code [from, to)},
   * failures counted inside when the call overlapped {@code [windowFrom, windowTo]}.
   */
  Counts count(String prefix, long from, long to, long windowFrom, long windowTo) {
    int ok = 0;
    int inside = 0;
    int outside = 0;
    for (Call c : calls) {
      if (!c.loop().startsWith(prefix) || c.startNanos() < from || c.startNanos() >= to) {
        continue;
      }
      if (c.ok()) {
        ok++;
      } else if (c.endNanos() >= windowFrom && c.startNanos() <= windowTo) {
        inside++;
      } else {
        outside++;
      }
    }
    return new Counts(ok, inside, outside);
  }

  /** Successful calls of loop {@code loop} that started after {@code since}. */
  int okSince(String loop, long since) {
    int n = 0;
    for (Call c : calls) {
      if (c.loop().equals(loop) && c.ok() && c.startNanos() >= since) {
        n++;
      }
    }
    return n;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread t : loops) {
      t.join(Duration.ofSeconds(15));
    }
  }
}
