package dev.trellis.host.http;

import dev.trellis.host.HostException;
import dev.trellis.host.wasi.WasiPollable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Java object behind a {@code wasi:http/types.future-incoming-response}: the response (or the
 * error code) of an outgoing request, returned once when it has arrived.
 */
final class FutureIncomingResponse {
  /** What {@code get} returns. */
  sealed interface State {}

  /** Not arrived yet. */
  record Pending() implements State {}

  /** The response, the first time. */
  record Arrived(IncomingResponse response) implements State {}

  /** The request failed, the first time. */
  record Failed(HttpErrorCode error) implements State {}

  /** The outcome was already returned. */
  record Taken() implements State {}

  private final CompletableFuture<IncomingResponse> future;
  private boolean taken;

  FutureIncomingResponse(CompletableFuture<IncomingResponse> future) {
    this.future = future;
  }

  State get() {
    if (taken) {
      return new Taken();
    }
    if (!future.isDone()) {
      return new Pending();
    }
    taken = true;
    try {
      return new Arrived(future.join());
    } catch (CompletionException e) {
      return new Failed(OutgoingErrors.of(e.getCause() != null ? e.getCause() : e));
    }
  }

  WasiPollable subscribe() {
    return new WasiPollable() {
      @Override
      public boolean ready() {
        return future.isDone();
      }

      @Override
      public boolean await(long timeoutNanos) {
        try {
          future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new HostException("interrupted while waiting for an HTTP response", e);
        } catch (ExecutionException | TimeoutException e) {
          // failed: ready with its error; timed out: not ready
        }
        return future.isDone();
      }
    };
  }

  /** Dropped: a response that arrives later is discarded. */
  void close() {
    if (!future.cancel(true) && !taken && future.isDone() && !future.isCompletedExceptionally()) {
      future.join().close();
    }
  }
}
