package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.IndexPath;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a wRPC call returned: its result values and, for each future or stream among them that
 * arrived pending, a handle to receive it. Close it once done with those handles; a result without
 * async values holds nothing and needs no closing.
 */
public final class InvocationResult implements AutoCloseable {
  private final List<WitValue> values;
  private final AsyncInbox inbox;
  private final Runnable release;

  InvocationResult(List<WitValue> values, AsyncInbox inbox, Runnable release) {
    this.values = List.copyOf(values);
    this.inbox = inbox;
    this.release = release;
  }

  /** The results, in order; pending futures and streams appear as pending values. */
  public List<WitValue> values() {
    return values;
  }

  /** The pending future or stream at {@code path}, e.g. {@code IndexPath.of(0)}. */
  public Optional<IncomingAsync> async(IndexPath path) {
    return inbox.get(path);
  }

  /** Every pending future and stream known so far, by path. */
  public Map<IndexPath, IncomingAsync> async() {
    return inbox.all();
  }

  /**
   * The pending stream at {@code path}.
   *
   * @throws IllegalArgumentException if there is no pending stream there
   */
  public IncomingStream stream(IndexPath path) {
    if (async(path).orElse(null) instanceof IncomingStream s) {
      return s;
    }
    throw new IllegalArgumentException("no pending stream at results " + path);
  }

  /**
   * The pending future at {@code path}.
   *
   * @throws IllegalArgumentException if there is no pending future there
   */
  public IncomingFuture future(IndexPath path) {
    if (async(path).orElse(null) instanceof IncomingFuture f) {
      return f;
    }
    throw new IllegalArgumentException("no pending future at results " + path);
  }

  /** Stops receiving: async values not yet read fail. Idempotent. */
  @Override
  public void close() {
    release.run();
  }
}
