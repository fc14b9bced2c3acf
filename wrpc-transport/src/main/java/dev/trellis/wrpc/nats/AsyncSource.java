package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.wit.WitValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The contents of a future or stream that is sent pending (a {@code FutureValue.pending()} or
 * {@code StreamValue.pending()} in params or results): the transport runs it on its own virtual
 * thread and sends what it produces on the value's index path, so it may block.
 */
public sealed interface AsyncSource permits AsyncSource.Future, AsyncSource.Stream {

  /**
   * A future's payload, computed when the transport asks (empty for a payload-less future).
   *
   * @param value blocking supplier of the payload
   */
  record Future(Supplier<Optional<WitValue>> value) implements AsyncSource {
    public Future {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A stream's elements, pushed by {@code producer} into a {@link StreamSink}; the stream ends when
   * the producer returns. Writes block while the publish window is full, which paces the producer.
   *
   * @param producer writes the elements
   */
  record Stream(StreamProducer producer) implements AsyncSource {
    public Stream {
      Objects.requireNonNull(producer, "producer");
    }
  }

  /** A future resolved by {@code value}. */
  static AsyncSource future(Supplier<Optional<WitValue>> value) {
    return new Future(value);
  }

  /** A stream written by {@code producer}. */
  static AsyncSource stream(StreamProducer producer) {
    return new Stream(producer);
  }

  /**
   * A {@code stream<u8>} copied from {@code in} in chunks of {@code chunkSize} bytes; {@code in} is
   * closed at the end.
   */
  static AsyncSource bytes(InputStream in, int chunkSize) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
    }
    return new Stream(
        sink -> {
          byte[] buffer = new byte[chunkSize];
          try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
              sink.writeBytes(buffer, 0, n);
            }
          } catch (IOException e) {
            throw new UncheckedIOException("reading the stream source failed", e);
          }
        });
  }
}
