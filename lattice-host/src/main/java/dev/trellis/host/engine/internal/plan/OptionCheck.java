package dev.trellis.host.engine.internal.plan;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.trellis.host.HostException;
import dev.trellis.host.engine.ComponentLoadException;
import dev.trellis.host.engine.abi.AbiOptions;
import dev.trellis.host.engine.abi.CanonLift;
import dev.trellis.host.engine.abi.CanonLower;
import dev.trellis.host.engine.abi.FunctionAbi;
import dev.trellis.host.engine.abi.HandleTable;
import dev.trellis.host.engine.abi.ResourceRegistry;
import java.util.Optional;

/**
 * Load-time check that a {@code canon lift} or {@code canon lower} has the options its signature
 * needs (a memory, a realloc, no post-return on a lower), using the canonical ABI's own rules on
 * placeholder options, so a bad binary fails at load instead of trapping on its first call.
 */
final class OptionCheck {
  private static final Memory NO_MEMORY = new ByteArrayMemory(new MemoryLimits(0, 0));
  private static final HandleTable NO_HANDLES = new HandleTable(new ResourceRegistry());

  private OptionCheck() {}

  static void lift(FunctionAbi abi, Step.Options options, String component) {
    try {
      new CanonLift(abi, placeholders(options), NO_HANDLES);
    } catch (HostException e) {
      throw new ComponentLoadException("component '" + component + "': " + e.getMessage(), e);
    }
  }

  static void lower(FunctionAbi abi, Step.Options options, String component) {
    try {
      new CanonLower(abi, placeholders(options), NO_HANDLES);
    } catch (HostException e) {
      throw new ComponentLoadException("component '" + component + "': " + e.getMessage(), e);
    }
  }

  private static AbiOptions placeholders(Step.Options o) {
    return new AbiOptions(
        o.memory().isPresent() ? Optional.of(NO_MEMORY) : Optional.empty(),
        o.realloc().isPresent()
            ? Optional.<AbiOptions.Realloc>of((p, os, a, ns) -> 0)
            : Optional.empty(),
        o.postReturn().isPresent()
            ? Optional.<AbiOptions.PostReturn>of(results -> {})
            : Optional.empty(),
        o.encoding());
  }
}
