package dev.trellis.host.http;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.wasi.WasiStreamException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Java object behind a {@code wasi:http/types.incoming-body}: a {@link ChunkSource}, its input
 * stream (taken once, which must be dropped before {@code finish}) and the trailers that follow the
 * contents.
 */
final class IncomingBody {
  private final ChunkSource source;
  private final Supplier<Optional<Fields>> trailers;
  private boolean streamTaken;
  private Optional<StreamHandle> stream = Optional.empty();

  IncomingBody(ChunkSource source, Supplier<Optional<Fields>> trailers) {
    this.source = source;
    this.trailers = trailers;
  }

  /** The contents' stream the first time, then nothing. */
  Optional<BodyReader> takeStream(HttpState state) {
    if (streamTaken) {
      return Optional.empty();
    }
    streamTaken = true;
    return Optional.of(new BodyReader(source, state));
  }

  /** Remembers the handle the stream was given, to tell later whether the guest dropped it. */
  void streamGiven(StreamHandle handle) {
    stream = Optional.of(handle);
  }

  /**
   * {@code incoming-body.finish}: the future of the trailers, ready once the rest of the contents
   * has been read (and discarded).
   *
   * @throws HostException if the input stream is still alive (the guest traps, as WIT says)
   */
  FutureTrailers finish(CallContext context) {
    if (stream.isPresent() && stream.get().alive(context)) {
      throw new HostException(
          "incoming-body.finish called while its input-stream is still alive; drop it first");
    }
    return new FutureTrailers(this);
  }

  /** Discards contents that have arrived; true once the end was reached. */
  boolean drain(long waitNanos) {
    while (true) {
      byte[] bytes;
      try {
        bytes = source.read(Integer.MAX_VALUE);
      } catch (WasiStreamException e) {
        return true;
      }
      if (bytes.length == 0 && !source.await(waitNanos)) {
        return false;
      }
    }
  }

  Optional<Fields> trailers() {
    return trailers.get();
  }

  /** The body was dropped: stop reading. */
  void close() {
    source.close();
  }
}
