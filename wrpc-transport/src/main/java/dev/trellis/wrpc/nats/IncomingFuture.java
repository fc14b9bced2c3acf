package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.DecodeStep;
import dev.trellis.wrpc.codec.DecodedFrame;
import dev.trellis.wrpc.codec.IndexPath;
import dev.trellis.wrpc.codec.WrpcDecodeException;
import dev.trellis.wrpc.codec.WrpcDecoder;
import dev.trellis.wrpc.wit.WitType.FutureType;
import dev.trellis.wrpc.wit.WitValue;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/** A pending {@code future<T>} whose payload arrives on its own channel. */
public final class IncomingFuture implements IncomingAsync {
  private final IndexPath path;
  private final FutureType type;
  private final AsyncInbox inbox;
  private final WrpcDecoder decoder;
  private final ReentrantLock lock = new ReentrantLock();
  private Optional<Optional<WitValue>> value = Optional.empty();
  private Optional<WrpcCallException> failure = Optional.empty();
  private volatile boolean done;

  IncomingFuture(IndexPath path, FutureType type, AsyncInbox inbox, WrpcDecoder decoder) {
    this.path = path;
    this.type = type;
    this.inbox = inbox;
    this.decoder = decoder;
  }

  @Override
  public IndexPath path() {
    return path;
  }

  /** The future's type. */
  public FutureType type() {
    return type;
  }

  /**
   * Waits for the payload (empty for a payload-less {@code future}).
   *
   * @throws WrpcCallException if it does not arrive, arrives malformed, or the peer failed
   */
  public Optional<WitValue> await() {
    lock.lock();
    try {
      if (failure.isPresent()) {
        throw failure.get();
      }
      if (value.isEmpty()) {
        value = Optional.of(receive());
      }
      return value.get();
    } finally {
      lock.unlock();
    }
  }

  private Optional<WitValue> receive() {
    InboundChannel channel = inbox.channel(path);
    try {
      DecodedFrame frame = decode(channel);
      inbox.register(frame.pending());
      done = true;
      inbox.finished();
      return frame.values().stream().findFirst();
    } catch (WrpcDecodeException e) {
      throw fail(new WrpcCallException.Decode(channel.subject(), e));
    } catch (WrpcCallException e) {
      throw fail(e);
    }
  }

  private DecodedFrame decode(InboundChannel channel) {
    if (decoder.feed(ByteBuffer.allocate(0)) instanceof DecodeStep.Complete c) {
      return c.frame();
    }
    while (true) {
      Optional<byte[]> next = channel.take(inbox.idleDeadline(), () -> inbox.idleTimeout(channel));
      if (next.isEmpty()) {
        if (channel.remoteError().isPresent()) {
          throw new WrpcCallException.RemoteError(inbox.callSubject(), channel.remoteError().get());
        }
        return decoder.finish();
      }
      if (decoder.feed(ByteBuffer.wrap(next.get())) instanceof DecodeStep.Complete c) {
        return c.frame();
      }
    }
  }

  private WrpcCallException fail(WrpcCallException e) {
    failure = Optional.of(e);
    done = true;
    inbox.finished();
    return e;
  }

  @Override
  public boolean isDone() {
    return done;
  }
}
