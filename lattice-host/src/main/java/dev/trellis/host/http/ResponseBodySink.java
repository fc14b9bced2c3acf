package dev.trellis.host.http;

import dev.trellis.host.wasi.WasiError;
import dev.trellis.host.wasi.WasiStreamException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The body of a response a guest is building on the server. Until {@code response-outparam.set}
 * sends the head, up to {@link #CAPACITY} bytes are buffered; afterwards writes are gathered into
 * that buffer and handed to the connection whenever it fills (blocking the guest while the client
 * is slow, which is the back-pressure), on flush and on finish. A small body written and finished
 * in one go is sent with the head in one write, with a {@code content-length}.
 */
final class ResponseBodySink implements BodySink {
  /** The most bytes held for one response. */
  static final int CAPACITY = 64 * 1024;

  private final Waiter waiter = new Waiter();
  private Optional<ResponseChannel> channel = Optional.empty();
  private byte[] buffer = new byte[256];
  private int size;
  private boolean finished;
  private Optional<Fields> trailers = Optional.empty();
  private Optional<String> aborted = Optional.empty();

  @Override
  public long room() {
    checkOpen();
    return CAPACITY - size;
  }

  @Override
  public void write(byte[] bytes) {
    checkOpen();
    if (channel.isPresent() && size + bytes.length >= CAPACITY) {
      ByteBuffer out = ByteBuffer.allocate(size + bytes.length);
      out.put(buffer, 0, size).put(bytes).flip();
      size = 0;
      channel.get().write(out, false, Optional.empty());
      return;
    }
    if (size + bytes.length > CAPACITY) {
      throw WasiStreamException.failed(
          WasiError.of(
              "response body write of "
                  + bytes.length
                  + " bytes exceeds check-write before the response was sent"));
    }
    append(bytes);
  }

  private void append(byte[] bytes) {
    if (size + bytes.length > buffer.length) {
      buffer =
          Arrays.copyOf(
              buffer, Math.min(CAPACITY, Math.max(buffer.length * 2, size + bytes.length)));
    }
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  @Override
  public void flush() {
    if (channel.isPresent() && size > 0 && !finished) {
      ByteBuffer out = ByteBuffer.wrap(Arrays.copyOf(buffer, size));
      size = 0;
      channel.get().write(out, false, Optional.empty());
    }
  }

  @Override
  public boolean await(long nanos) {
    // Room only appears when the response is sent, which this guest must do itself: wait for
    // the deadline rather than spin.
    return waiter.await(nanos, () -> size < CAPACITY || aborted.isPresent());
  }

  @Override
  public void finish(Optional<Fields> finalTrailers) {
    finished = true;
    trailers = finalTrailers;
    if (channel.isPresent()) {
      sendRest(channel.get());
    }
  }

  @Override
  public void abort(String reason) {
    if (aborted.isEmpty()) {
      aborted = Optional.of(reason);
      channel.ifPresent(c -> c.abort(reason));
      waiter.signal();
    }
  }

  /** The head was sent: from now on bytes go to {@code target}. */
  void bind(ResponseChannel target) {
    channel = Optional.of(target);
    if (aborted.isPresent()) {
      target.abort(aborted.get());
    } else if (finished) {
      sendRest(target);
    }
  }

  /** Whether the body was finished and handed over completely. */
  boolean isFinished() {
    return finished && aborted.isEmpty();
  }

  private void sendRest(ResponseChannel target) {
    ByteBuffer out = ByteBuffer.wrap(buffer, 0, size);
    size = 0;
    target.write(out, true, trailers);
  }

  private void checkOpen() {
    if (aborted.isPresent() || finished) {
      throw WasiStreamException.closed();
    }
  }
}
