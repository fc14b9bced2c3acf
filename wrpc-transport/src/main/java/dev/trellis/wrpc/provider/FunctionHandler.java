package dev.trellis.wrpc.provider;

import dev.trellis.wrpc.wit.WitValue;
import java.util.List;

/**
 * The simple shape of a provider function: typed access to the params in, result values out. Runs
 * on its own virtual thread per invocation, so it may block; throwing fails only that call.
 */
@FunctionalInterface
public interface FunctionHandler {
  /** The results for {@code args}, in order. */
  List<WitValue> handle(Args args);
}
