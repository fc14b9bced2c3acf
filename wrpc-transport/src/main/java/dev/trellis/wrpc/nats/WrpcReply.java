package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.IndexPath;
import dev.trellis.wrpc.wit.WitValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link WrpcHandler} answers: the result values, and the source of each future or stream
 * among them that is returned pending (its contents follow on its own channel).
 *
 * @param results the result values, in order
 * @param async the source of each pending future or stream in the results, by index path
 */
public record WrpcReply(List<WitValue> results, Map<IndexPath, AsyncSource> async) {
  public WrpcReply {
    results = List.copyOf(results);
    async = Map.copyOf(async);
  }

  /** Results without async parts. */
  public static WrpcReply of(List<WitValue> results) {
    return new WrpcReply(results, Map.of());
  }

  /** Results without async parts. */
  public static WrpcReply of(WitValue... results) {
    return new WrpcReply(List.of(results), Map.of());
  }

  /** This reply with {@code source} supplying the pending value at {@code path}. */
  public WrpcReply withAsync(IndexPath path, AsyncSource source) {
    Map<IndexPath, AsyncSource> copy = new LinkedHashMap<>(async);
    copy.put(path, source);
    return new WrpcReply(results, copy);
  }
}
