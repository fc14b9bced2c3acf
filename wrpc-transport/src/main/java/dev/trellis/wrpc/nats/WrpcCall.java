package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.IndexPath;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;

/**
 * One invocation as its handler sees it: the function, the decoded params, the headers the caller
 * sent, and the pending futures and streams among the params, received on demand.
 */
public final class WrpcCall {
  private final WrpcFunction function;
  private final String subject;
  private final List<WitValue> params;
  private final WrpcHeaders headers;
  private final AsyncInbox inbox;

  WrpcCall(
      WrpcFunction function,
      String subject,
      List<WitValue> params,
      WrpcHeaders headers,
      AsyncInbox inbox) {
    this.function = function;
    this.subject = subject;
    this.params = List.copyOf(params);
    this.headers = headers;
    this.inbox = inbox;
  }

  /** The function invoked. */
  public WrpcFunction function() {
    return function;
  }

  /** The invocation subject. */
  public String subject() {
    return subject;
  }

  /** The params, in order; pending futures and streams appear as pending values. */
  public List<WitValue> params() {
    return params;
  }

  /** The headers the caller sent. */
  public WrpcHeaders headers() {
    return headers;
  }

  /** The pending future or stream at {@code path} of the params. */
  public Optional<IncomingAsync> async(IndexPath path) {
    return inbox.get(path);
  }

  /**
   * The pending stream at {@code path} of the params.
   *
   * @throws IllegalArgumentException if there is none there
   */
  public IncomingStream stream(IndexPath path) {
    if (async(path).orElse(null) instanceof IncomingStream s) {
      return s;
    }
    throw new IllegalArgumentException("no pending stream at params " + path);
  }

  /**
   * The pending future at {@code path} of the params.
   *
   * @throws IllegalArgumentException if there is none there
   */
  public IncomingFuture future(IndexPath path) {
    if (async(path).orElse(null) instanceof IncomingFuture f) {
      return f;
    }
    throw new IllegalArgumentException("no pending future at params " + path);
  }
}
