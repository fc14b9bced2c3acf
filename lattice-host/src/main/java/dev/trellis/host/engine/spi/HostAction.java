package dev.trellis.host.engine.spi;

import dev.trellis.wrpc.wit.WitValue;
import java.util.List;

/**
 * A Java implementation of one imported WIT function without a result (e.g. {@code
 * wasi:cli/exit.exit} or a {@code [method]} returning nothing). Otherwise as {@link HostFunction}.
 */
@FunctionalInterface
public interface HostAction {

  /** Runs the function with the lifted arguments. */
  void run(CallContext context, List<WitValue> args);
}
