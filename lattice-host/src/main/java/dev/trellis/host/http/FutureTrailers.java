package dev.trellis.host.http;

import dev.trellis.host.wasi.WasiPollable;
import java.util.Optional;

/**
 * The Java object behind a {@code wasi:http/types.future-trailers}: ready when the body's contents
 * have all arrived (whatever the guest did not read is discarded), then yielding the trailers once.
 * A body that failed yields the failure's error code.
 */
final class FutureTrailers {
  /** What {@code get} returns: not ready, the outcome, or already taken. */
  sealed interface State {}

  /** The body has not ended yet. */
  record Pending() implements State {}

  /** The trailers (none if the message had none), the first time. */
  record Ready(Optional<Fields> trailers, Optional<HttpErrorCode> error) implements State {}

  /** The outcome was already returned. */
  record Taken() implements State {}

  private final IncomingBody body;
  private boolean ended;
  private Optional<HttpErrorCode> error = Optional.empty();
  private boolean taken;

  FutureTrailers(IncomingBody body) {
    this.body = body;
  }

  State get() {
    if (taken) {
      return new Taken();
    }
    if (!poll(0)) {
      return new Pending();
    }
    taken = true;
    return new Ready(error.isEmpty() ? body.trailers() : Optional.empty(), error);
  }

  WasiPollable subscribe() {
    return new WasiPollable() {
      @Override
      public boolean ready() {
        return poll(0);
      }

      @Override
      public boolean await(long timeoutNanos) {
        return poll(timeoutNanos);
      }
    };
  }

  private boolean poll(long waitNanos) {
    if (!ended) {
      try {
        ended = body.drain(waitNanos);
      } catch (BodyException e) {
        ended = true;
        error = Optional.of(e.code());
      }
    }
    return ended;
  }

  void close() {
    body.close();
  }
}
