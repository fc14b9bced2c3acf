package dev.trellis.host.http;

import dev.trellis.host.wasi.WasiStreamException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;

/**
 * A response body from the JDK {@code HttpClient}, subscribed to one batch of buffers at a time:
 * the next batch is requested only when the guest has read the previous one, so a slow guest slows
 * the upstream down instead of filling memory. Enforces the between-bytes timeout of {@code
 * request-options} while a batch is outstanding.
 */
final class PublisherChunks implements ChunkSource, Flow.Subscriber<List<ByteBuffer>> {
  private final Waiter waiter = new Waiter();
  private final Optional<Duration> betweenBytes;
  private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
  private Optional<Flow.Subscription> subscription = Optional.empty();
  private Optional<BodyException> failure = Optional.empty();
  private Optional<ScheduledFuture<?>> timeout = Optional.empty();
  private boolean complete;
  private boolean requested;
  private boolean closed;

  PublisherChunks(Optional<Duration> betweenBytes) {
    this.betweenBytes = betweenBytes;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    waiter.lock().lock();
    try {
      subscription = Optional.of(s);
      if (closed) {
        s.cancel();
        return;
      }
    } finally {
      waiter.lock().unlock();
    }
    requestMore();
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    waiter.lock().lock();
    try {
      requested = false;
      timeout.ifPresent(t -> t.cancel(false));
      timeout = Optional.empty();
      for (ByteBuffer b : buffers) {
        if (b.hasRemaining()) {
          queue.add(b);
        }
      }
    } finally {
      waiter.lock().unlock();
    }
    if (buffers.stream().noneMatch(ByteBuffer::hasRemaining)) {
      requestMore();
    }
    waiter.signal();
  }

  @Override
  public void onError(Throwable t) {
    fail(new BodyException(OutgoingErrors.of(t), "reading the response body failed: " + t, t));
  }

  @Override
  public void onComplete() {
    waiter.lock().lock();
    try {
      complete = true;
      timeout.ifPresent(t -> t.cancel(false));
    } finally {
      waiter.lock().unlock();
    }
    waiter.signal();
  }

  @Override
  public byte[] read(int max) {
    byte[] out;
    boolean more;
    waiter.lock().lock();
    try {
      out = take(max);
      more = queue.isEmpty() && !complete && !requested && failure.isEmpty();
      if (out.length == 0 && queue.isEmpty()) {
        if (failure.isPresent()) {
          throw failure.get();
        }
        if (complete) {
          throw WasiStreamException.closed();
        }
      }
    } finally {
      waiter.lock().unlock();
    }
    if (more) {
      requestMore();
    }
    return out;
  }

  private byte[] take(int max) {
    ByteBuffer head = queue.peek();
    if (head == null || max == 0) {
      return EMPTY;
    }
    byte[] out = new byte[Math.min(max, head.remaining())];
    head.get(out);
    if (!head.hasRemaining()) {
      queue.poll();
    }
    return out;
  }

  @Override
  public boolean await(long nanos) {
    return waiter.await(nanos, () -> !queue.isEmpty() || complete || failure.isPresent());
  }

  @Override
  public void close() {
    Optional<Flow.Subscription> s;
    waiter.lock().lock();
    try {
      closed = true;
      queue.clear();
      timeout.ifPresent(t -> t.cancel(false));
      s = complete ? Optional.empty() : subscription;
    } finally {
      waiter.lock().unlock();
    }
    s.ifPresent(Flow.Subscription::cancel);
  }

  private void requestMore() {
    Optional<Flow.Subscription> s;
    waiter.lock().lock();
    try {
      if (requested || closed || complete || subscription.isEmpty()) {
        return;
      }
      requested = true;
      s = subscription;
      timeout =
          betweenBytes.map(
              d ->
                  Timers.after(
                      d,
                      () ->
                          fail(
                              new BodyException(
                                  HttpErrorCode.of("connection-read-timeout"),
                                  "no response bytes within " + d.toMillis() + " ms"))));
    } finally {
      waiter.lock().unlock();
    }
    s.get().request(1);
  }

  private void fail(BodyException e) {
    Optional<Flow.Subscription> s;
    waiter.lock().lock();
    try {
      if (failure.isPresent() || complete) {
        return;
      }
      failure = Optional.of(e);
      s = subscription;
    } finally {
      waiter.lock().unlock();
    }
    s.ifPresent(Flow.Subscription::cancel);
    waiter.signal();
  }
}
