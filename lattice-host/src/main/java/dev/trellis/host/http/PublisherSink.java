package dev.trellis.host.http;

import dev.trellis.host.wasi.WasiStreamException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * The body of an outgoing request, published to the JDK {@code HttpClient} as it asks for it. The
 * guest's writes queue up to {@link #CAPACITY} bytes; {@code check-write} reports what is left, and
 * the stream's pollable becomes ready when the client has taken some, so the upstream's pace limits
 * the guest and memory stays bounded. Trailers are not supported by the JDK client and are dropped.
 */
final class PublisherSink implements BodySink, Flow.Publisher<ByteBuffer> {
  /** The most bytes queued for one request body. */
  static final int CAPACITY = 64 * 1024;

  private final Waiter waiter = new Waiter();
  private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
  private Optional<Flow.Subscriber<? super ByteBuffer>> subscriber = Optional.empty();
  private long queued;
  private long demand;
  private boolean finished;
  private boolean cancelled;
  private boolean terminated;
  private Optional<String> aborted = Optional.empty();
  private boolean emitting;
  private boolean missed;

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
    waiter.lock().lock();
    try {
      if (subscriber.isPresent()) {
        s.onSubscribe(new Nothing());
        s.onError(new IllegalStateException("a request body can be sent only once"));
        return;
      }
      subscriber = Optional.of(s);
    } finally {
      waiter.lock().unlock();
    }
    s.onSubscribe(new Demand());
    drain();
  }

  @Override
  public long room() {
    waiter.lock().lock();
    try {
      if (cancelled || aborted.isPresent() || finished) {
        throw WasiStreamException.closed();
      }
      return CAPACITY - queued;
    } finally {
      waiter.lock().unlock();
    }
  }

  @Override
  public void write(byte[] bytes) {
    room();
    if (bytes.length == 0) {
      return;
    }
    waiter.lock().lock();
    try {
      queue.add(ByteBuffer.wrap(bytes));
      queued += bytes.length;
    } finally {
      waiter.lock().unlock();
    }
    drain();
  }

  @Override
  public void flush() {
    drain();
  }

  @Override
  public boolean await(long nanos) {
    return waiter.await(
        nanos, () -> queued < CAPACITY || cancelled || aborted.isPresent() || finished);
  }

  @Override
  public void finish(Optional<Fields> trailers) {
    waiter.lock().lock();
    try {
      finished = true;
    } finally {
      waiter.lock().unlock();
    }
    drain();
  }

  @Override
  public void abort(String reason) {
    waiter.lock().lock();
    try {
      if (aborted.isEmpty() && !finished) {
        aborted = Optional.of(reason);
      }
    } finally {
      waiter.lock().unlock();
    }
    drain();
    waiter.signal();
  }

  /** Delivers queued buffers while there is demand; one thread emits at a time. */
  private void drain() {
    waiter.lock().lock();
    try {
      if (emitting) {
        missed = true;
        return;
      }
      emitting = true;
    } finally {
      waiter.lock().unlock();
    }
    while (emitOne()) {
      // keep emitting
    }
    waiter.signal();
  }

  /** Emits one signal; returns false (and stops emitting) when there is nothing to do. */
  private boolean emitOne() {
    Flow.Subscriber<? super ByteBuffer> s;
    ByteBuffer next = null;
    boolean complete = false;
    Optional<String> error = Optional.empty();
    waiter.lock().lock();
    try {
      if (subscriber.isEmpty() || terminated || cancelled) {
        emitting = false;
        return false;
      }
      s = subscriber.get();
      if (aborted.isPresent()) {
        error = aborted;
        terminated = true;
      } else if (demand > 0 && !queue.isEmpty()) {
        next = queue.poll();
        queued -= next.remaining();
        demand--;
      } else if (finished && queue.isEmpty()) {
        complete = true;
        terminated = true;
      } else if (missed) {
        missed = false;
        return true;
      } else {
        emitting = false;
        return false;
      }
    } finally {
      waiter.lock().unlock();
    }
    if (error.isPresent()) {
      s.onError(new IOException("request body aborted: " + error.get()));
    } else if (complete) {
      s.onComplete();
    } else {
      s.onNext(next);
    }
    return true;
  }

  private final class Demand implements Flow.Subscription {
    @Override
    public void request(long n) {
      waiter.lock().lock();
      try {
        demand = n <= 0 || demand + n < 0 ? Long.MAX_VALUE : demand + n;
      } finally {
        waiter.lock().unlock();
      }
      drain();
    }

    @Override
    public void cancel() {
      waiter.lock().lock();
      try {
        cancelled = true;
        queue.clear();
        queued = 0;
      } finally {
        waiter.lock().unlock();
      }
      waiter.signal();
    }
  }

  private static final class Nothing implements Flow.Subscription {
    @Override
    public void request(long n) {
      // refused subscriber: nothing to deliver
    }

    @Override
    public void cancel() {
      // refused subscriber: nothing to cancel
    }
  }
}
