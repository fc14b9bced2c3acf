package dev.trellis.host.engine;

import dev.trellis.wrpc.wit.Wave;
import dev.trellis.wrpc.wit.WaveCall;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;

/** Calls exported functions written as WAVE text, the way {@code trellis run --invoke} will. */
final class Calls {
  private Calls() {}

  /** Calls {@code call} (e.g. {@code iface#f(1, "x")}) and prints the result as WAVE. */
  static String wave(ComponentInstance instance, String call) {
    Optional<WitValue> result = invoke(instance, call);
    return result.map(Wave::print).orElse("()");
  }

  /** Calls {@code call} and returns the result. */
  static Optional<WitValue> invoke(ComponentInstance instance, String call) {
    WaveCall parsed = Wave.splitCall(call);
    ComponentFunction function =
        instance
            .function(parsed.function())
            .orElseThrow(() -> new AssertionError("no export " + parsed.function()));
    List<WitValue> args = parsed.arguments(function.paramTypes());
    return function.call(args);
  }
}
