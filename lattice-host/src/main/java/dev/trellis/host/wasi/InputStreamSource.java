package dev.trellis.host.wasi;

import dev.trellis.host.HostException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link WasiInputStream} over a blocking {@link InputStream} (standard input). Blocking reads
 * run on the guest's thread; a non-blocking read or a pollable that finds nothing available starts
 * one read on a virtual thread and reports "nothing yet" until it completes, so the guest can wait
 * for it with {@code poll}. Nothing is read before the guest asks. Shared by every {@code
 * get-stdin} handle of an instance; dropping a handle does not close the underlying stream.
 */
final class InputStreamSource implements WasiInputStream {
  private static final byte[] EMPTY = new byte[0];
  private static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private byte[] buffer = EMPTY;
  private int position;
  private boolean eof;
  private Optional<Exception> failure = Optional.empty();
  private boolean reading;

  InputStreamSource(InputStream in) {
    this.in = in;
  }

  @Override
  public byte[] read(int max) {
    lock.lock();
    try {
      return prime() ? take(max) : EMPTY;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes progress without blocking (the caller holds the lock): reads what is available, or starts
   * a background read. Returns whether a read would now return without waiting.
   */
  private boolean prime() {
    if (!settled() && !reading) {
      int available = available();
      if (available > 0) {
        fillLocked(Math.min(available, BUFFER));
      } else {
        startBackgroundRead();
      }
    }
    return settled();
  }

  @Override
  public byte[] blockingRead(int max) {
    if (max == 0) {
      return read(0);
    }
    lock.lock();
    try {
      while (!settled()) {
        if (reading) {
          awaitChange(Long.MAX_VALUE);
        } else {
          fillLocked(Math.min(max, BUFFER));
        }
      }
      return take(max);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public WasiPollable subscribe() {
    return new WasiPollable() {
      @Override
      public boolean ready() {
        lock.lock();
        try {
          return prime();
        } finally {
          lock.unlock();
        }
      }

      @Override
      public boolean await(long timeoutNanos) {
        if (ready()) {
          return true;
        }
        lock.lock();
        try {
          long remaining = timeoutNanos;
          while (!settled() && remaining > 0) {
            remaining = awaitChange(remaining);
          }
          return settled();
        } finally {
          lock.unlock();
        }
      }
    };
  }

  @Override
  public void close() {
    // shared by every stdin handle of the instance; the embedder owns the InputStream
  }

  /** Whether a read would return data, end of data or an error without waiting. */
  private boolean settled() {
    return position < buffer.length || eof || failure.isPresent();
  }

  private byte[] take(int max) {
    if (position < buffer.length) {
      int n = Math.min(max, buffer.length - position);
      if (position == 0 && n == buffer.length) {
        // The whole chunk: hand over the array (each chunk gets a fresh one) instead of copying.
        byte[] out = buffer;
        buffer = EMPTY;
        return out;
      }
      byte[] out = Arrays.copyOfRange(buffer, position, position + n);
      position += n;
      return out;
    }
    if (failure.isPresent()) {
      throw WasiStreamException.failed(WasiError.of("reading stdin failed: " + failure.get()));
    }
    throw WasiStreamException.closed();
  }

  /** Reads once with the lock released (the caller holds it), then publishes the result. */
  private void fillLocked(int size) {
    reading = true;
    lock.unlock();
    Chunk chunk;
    try {
      chunk = readOnce(size);
    } finally {
      lock.lock();
    }
    publish(chunk);
  }

  private void startBackgroundRead() {
    reading = true;
    Thread.ofVirtual()
        .name("wasi-stdin-read")
        .start(
            () -> {
              Chunk chunk = readOnce(BUFFER);
              lock.lock();
              try {
                publish(chunk);
              } finally {
                lock.unlock();
              }
            });
  }

  /** What one read of the underlying stream gave: bytes, end of data or a failure. */
  private record Chunk(byte[] bytes, int count, Optional<Exception> failure) {}

  private Chunk readOnce(int size) {
    byte[] bytes = new byte[size];
    try {
      return new Chunk(bytes, in.read(bytes, 0, size), Optional.empty());
    } catch (IOException | RuntimeException e) {
      return new Chunk(bytes, -1, Optional.of(e));
    }
  }

  private void publish(Chunk chunk) {
    reading = false;
    if (chunk.failure().isPresent()) {
      failure = chunk.failure();
    } else if (chunk.count() < 0) {
      eof = true;
    } else {
      int n = chunk.count();
      buffer = n == chunk.bytes().length ? chunk.bytes() : Arrays.copyOf(chunk.bytes(), n);
      position = 0;
    }
    changed.signalAll();
  }

  private int available() {
    try {
      return in.available();
    } catch (IOException e) {
      return 0;
    }
  }

  private long awaitChange(long nanos) {
    try {
      return nanos == Long.MAX_VALUE
          ? awaitForever()
          : changed.awaitNanos(Math.min(nanos, TimeUnit.DAYS.toNanos(1)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostException("interrupted while waiting for stdin", e);
    }
  }

  private long awaitForever() throws InterruptedException {
    changed.await();
    return Long.MAX_VALUE;
  }
}
