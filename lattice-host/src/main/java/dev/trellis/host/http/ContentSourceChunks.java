package dev.trellis.host.http;

import dev.trellis.host.wasi.WasiStreamException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.jetty.io.Content;

/**
 * A request body on the server: Jetty's non-blocking {@link Content.Source} read chunk by chunk. A
 * chunk is copied once (the guest needs a byte array anyway) and released at once; when nothing has
 * arrived the reader asks Jetty to call back ({@code demand}) and waits, so no thread blocks in
 * socket I/O and at most one chunk is held.
 */
final class ContentSourceChunks implements ChunkSource {
  private final Content.Source source;
  private final Waiter waiter = new Waiter();
  private byte[] pending = EMPTY;
  private int position;
  private boolean last;
  private Optional<Throwable> failure = Optional.empty();
  private volatile boolean signalled;
  private boolean demanding;

  ContentSourceChunks(Content.Source source) {
    this.source = source;
  }

  @Override
  public byte[] read(int max) {
    byte[] first = take(max);
    if (first.length == 0 || first.length == max || position < pending.length) {
      return first;
    }
    // Gather what else has already arrived, up to max, so a guest's large read is one call.
    ByteArrayOutputStream gathered = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
    gathered.writeBytes(first);
    while (gathered.size() < max && !last && failure.isEmpty()) {
      pull();
      if (position == pending.length) {
        break;
      }
      gathered.writeBytes(takePending(max - gathered.size()));
    }
    return gathered.toByteArray();
  }

  /** Up to {@code max} bytes of the held chunk or the next one, or end, failure or nothing. */
  private byte[] take(int max) {
    if (position == pending.length && !last && failure.isEmpty()) {
      pull();
    }
    if (position < pending.length) {
      return takePending(max);
    }
    if (failure.isPresent()) {
      throw new BodyException(
          HttpErrorCode.of("connection-terminated"),
          "reading the request body failed: " + failure.get(),
          failure.get());
    }
    if (last) {
      throw WasiStreamException.closed();
    }
    return EMPTY;
  }

  private byte[] takePending(int max) {
    int n = Math.min(max, pending.length - position);
    byte[] out =
        position == 0 && n == pending.length
            ? pending
            : Arrays.copyOfRange(pending, position, position + n);
    position += n;
    return out;
  }

  @Override
  public boolean await(long nanos) {
    if (settled()) {
      return true;
    }
    // One demand at a time; a callback that arrived after an earlier, timed-out wait still counts.
    if (!demanding) {
      demanding = true;
      signalled = false;
      source.demand(this::onDemand);
    }
    waiter.await(nanos, () -> signalled);
    if (signalled) {
      demanding = false;
    }
    return settled();
  }

  private void onDemand() {
    signalled = true;
    waiter.signal();
  }

  /** Whether a read returns without waiting; pulls one chunk if none is held. */
  private boolean settled() {
    if (position < pending.length || last || failure.isPresent()) {
      return true;
    }
    pull();
    return position < pending.length || last || failure.isPresent();
  }

  /** Takes the next chunk from Jetty if one has arrived, copying and releasing it. */
  private void pull() {
    Content.Chunk chunk = source.read();
    if (chunk == null) {
      return;
    }
    try {
      if (Content.Chunk.isFailure(chunk)) {
        failure = Optional.of(chunk.getFailure());
        return;
      }
      ByteBuffer buffer = chunk.getByteBuffer();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      pending = bytes;
      position = 0;
      last = chunk.isLast();
    } finally {
      chunk.release();
    }
  }

  @Override
  public void close() {
    pending = EMPTY;
    position = 0;
  }
}
