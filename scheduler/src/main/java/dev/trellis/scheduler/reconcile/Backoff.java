package dev.trellis.scheduler.reconcile;

import dev.trellis.scheduler.api.ScalerStatus;
import dev.trellis.scheduler.api.StatusType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exponential backoff per scaler after failures: the first failure delays the scaler's next starts
 * by {@code base}, each further one doubles the delay up to {@code max}, and a scaler that reaches
 * {@code deployed} starts afresh. Meanwhile the scaler's status is {@code failed} with the host's
 * last error, so a failing deploy says why instead of retrying silently. Per replica, in memory: a
 * replica that takes over starts with no backoff.
 */
public final class Backoff {
  private final Clock clock;
  private final Duration base;
  private final Duration max;
  private final Map<String, State> states = new ConcurrentHashMap<>();

  private record State(int failures, Instant retryAt, String lastError) {}

  public Backoff(Clock clock, Duration base, Duration max) {
    this.clock = clock;
    this.base = base;
    this.max = max;
  }

  /** Records a failure of scaler {@code key} of {@code app}. */
  public void failed(String app, String key, String message) {
    Instant now = clock.instant();
    states.compute(
        id(app, key),
        (k, s) -> {
          int failures = s == null ? 1 : s.failures() + 1;
          return new State(failures, now.plus(delay(failures)), message);
        });
  }

  /** The delay after {@code failures} failures in a row. */
  Duration delay(int failures) {
    int doublings = Math.min(failures - 1, 30);
    Duration delay = base.multipliedBy(1L << doublings);
    return delay.compareTo(max) > 0 ? max : delay;
  }

  /** Until when scaler {@code key} of {@code app} may not start anything, if it is backing off. */
  public Optional<Instant> blockedUntil(String app, String key) {
    Instant now = clock.instant();
    return Optional.ofNullable(states.get(id(app, key)))
        .map(State::retryAt)
        .filter(t -> t.isAfter(now));
  }

  /**
   * {@code status} as reported while backing off: {@code failed} with the last error and when the
   * next attempt comes. A {@code deployed} status ends the backoff.
   */
  public ScalerStatus decorate(String app, ScalerStatus status) {
    String id = id(app, status.id());
    if (status.type() == StatusType.DEPLOYED) {
      states.remove(id);
      return status;
    }
    State state = states.get(id);
    if (state == null) {
      return status;
    }
    long waitMillis = Duration.between(clock.instant(), state.retryAt()).toMillis();
    String retry =
        waitMillis <= 0
            ? "retrying (attempt " + (state.failures() + 1) + ")"
            : "retry " + (state.failures() + 1) + " in " + (waitMillis + 999) / 1000 + "s";
    String message = state.lastError() + " (" + retry + ")";
    return new ScalerStatus(
        status.id(),
        status.kind(),
        status.name(),
        StatusType.FAILED,
        status.message().isBlank() ? message : message + "; " + status.message());
  }

  /** Forgets everything about {@code app}. */
  public void forget(String app) {
    states.keySet().removeIf(k -> k.startsWith(app + "\u0000"));
  }

  private static String id(String app, String key) {
    return app + "\u0000" + key;
  }
}
