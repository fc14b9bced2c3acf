package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.IndexPath;
import dev.trellis.wrpc.codec.NeedMore;
import dev.trellis.wrpc.codec.StreamStep;
import dev.trellis.wrpc.codec.WrpcCodec;
import dev.trellis.wrpc.codec.WrpcDecodeException;
import dev.trellis.wrpc.codec.WrpcStreamDecoder;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitType.StreamType;
import dev.trellis.wrpc.wit.WitValue;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pending {@code stream<T>} whose elements arrive in chunks on their own channel. Read it either
 * chunk by chunk ({@link #next()}) or, for a {@code stream<u8>}, as bytes ({@link #read}, {@link
 * #asInputStream()}) without one value per byte. At most the transport's buffer limit is held
 * unread, whatever the stream's length.
 */
public final class IncomingStream implements IncomingAsync {
  private final IndexPath path;
  private final StreamType type;
  private final AsyncInbox inbox;
  private final WrpcCodec codec;
  private final ReentrantLock lock = new ReentrantLock();
  private Optional<WrpcStreamDecoder> elements = Optional.empty();
  private Optional<ByteChunkReader> bytes = Optional.empty();
  private Optional<WrpcCallException> failure = Optional.empty();
  private volatile boolean done;

  IncomingStream(IndexPath path, StreamType type, AsyncInbox inbox, WrpcCodec codec) {
    this.path = path;
    this.type = type;
    this.inbox = inbox;
    this.codec = codec;
  }

  @Override
  public IndexPath path() {
    return path;
  }

  /** The stream's type. */
  public StreamType type() {
    return type;
  }

  @Override
  public boolean isDone() {
    return done;
  }

  /**
   * The next chunk of elements, or empty at the end of the stream.
   *
   * @throws WrpcCallException if the stream stalls, is malformed, or the peer failed it
   * @throws IllegalStateException if the stream is already being read as bytes
   */
  public Optional<List<WitValue>> next() {
    lock.lock();
    try {
      checkUsable(bytes.isPresent(), "as bytes");
      if (elements.isEmpty()) {
        elements = Optional.of(codec.streamDecoder(type, path));
      }
      return nextChunk(elements.get());
    } finally {
      lock.unlock();
    }
  }

  /** Every remaining element; for streams known to be small. */
  public List<WitValue> readAll() {
    List<WitValue> all = new ArrayList<>();
    for (Optional<List<WitValue>> c = next(); c.isPresent(); c = next()) {
      all.addAll(c.get());
    }
    return all;
  }

  /**
   * Reads up to {@code length} bytes of a {@code stream<u8>} into {@code out}; -1 at the end.
   *
   * @throws IllegalStateException if this is not a {@code stream<u8>} or is read by chunks
   */
  public int read(byte[] out, int offset, int length) {
    lock.lock();
    try {
      checkUsable(elements.isPresent(), "by chunks");
      if (type.element().filter(e -> e == WitType.Primitive.U8).isEmpty()) {
        throw new IllegalStateException("only a stream<u8> can be read as bytes, this is " + type);
      }
      if (bytes.isEmpty()) {
        bytes = Optional.of(new ByteChunkReader(inbox.channel(path).subject()));
      }
      return readBytes(bytes.get(), out, offset, length);
    } finally {
      lock.unlock();
    }
  }

  /** This {@code stream<u8>} as an {@link InputStream}; failures surface unchecked. */
  public InputStream asInputStream() {
    return new InputStream() {
      private final byte[] one = new byte[1];

      @Override
      public int read() {
        int n = IncomingStream.this.read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return IncomingStream.this.read(b, off, len);
      }
    };
  }

  private Optional<List<WitValue>> nextChunk(WrpcStreamDecoder decoder) {
    InboundChannel channel = inbox.channel(path);
    try {
      while (true) {
        StreamStep step = decoder.next();
        switch (step) {
          case StreamStep.Chunk chunk -> {
            inbox.register(chunk.pending());
            return Optional.of(chunk.elements());
          }
          case StreamStep.End end -> {
            finish();
            return Optional.empty();
          }
          case NeedMore more -> {
            Optional<byte[]> message = take(channel);
            if (message.isEmpty()) {
              decoder.finish();
            } else {
              decoder.feed(ByteBuffer.wrap(message.get()));
            }
          }
        }
      }
    } catch (WrpcDecodeException e) {
      throw fail(new WrpcCallException.Decode(channel.subject(), e));
    } catch (WrpcCallException e) {
      throw fail(e);
    }
  }

  private int readBytes(ByteChunkReader reader, byte[] out, int offset, int length) {
    InboundChannel channel = inbox.channel(path);
    try {
      int n = reader.read(out, offset, length, () -> take(channel));
      if (n < 0) {
        finish();
      }
      return n;
    } catch (WrpcDecodeException e) {
      throw fail(new WrpcCallException.Decode(channel.subject(), e));
    } catch (WrpcCallException e) {
      throw fail(e);
    }
  }

  private Optional<byte[]> take(InboundChannel channel) {
    Optional<byte[]> message = channel.take(inbox.idleDeadline(), () -> inbox.idleTimeout(channel));
    if (message.isEmpty() && channel.remoteError().isPresent()) {
      throw new WrpcCallException.RemoteError(inbox.callSubject(), channel.remoteError().get());
    }
    return message;
  }

  private void checkUsable(boolean otherMode, String other) {
    if (failure.isPresent()) {
      throw failure.get();
    }
    if (otherMode) {
      throw new IllegalStateException("stream " + path + " is already being read " + other);
    }
  }

  private void finish() {
    if (!done) {
      done = true;
      inbox.finished();
    }
  }

  private WrpcCallException fail(WrpcCallException e) {
    failure = Optional.of(e);
    finish();
    return e;
  }
}
