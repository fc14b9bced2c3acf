package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;

/**
 * Something that can invoke wRPC functions: the plain {@link WrpcClient}, or a client wrapped in
 * resilience policies. Callers (the engine's wRPC plugin) depend on this, not on either class.
 */
public interface WrpcInvoker {
  /** The subject prefix calls go to. */
  String prefix();

  /**
   * Invokes {@code function} with {@code params} and waits for the sync results.
   *
   * @throws WrpcCallException if the call did not produce results, typed by why
   * @throws dev.trellis.wrpc.wit.WitTypeMismatchException if a param does not conform to its type
   * @throws IllegalArgumentException if a pending param has no source in {@code options}
   */
  InvocationResult invoke(WrpcFunction function, List<WitValue> params, InvokeOptions options);

  /** {@link #invoke(WrpcFunction, List, InvokeOptions)} spelled out. */
  default InvocationResult invoke(
      String instance,
      String func,
      List<WitType> paramTypes,
      List<WitValue> params,
      List<WitType> resultTypes,
      InvokeOptions options) {
    return invoke(WrpcFunction.of(instance, func, paramTypes, resultTypes), params, options);
  }
}
