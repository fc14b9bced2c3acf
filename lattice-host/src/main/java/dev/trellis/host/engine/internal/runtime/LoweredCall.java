package dev.trellis.host.engine.internal.runtime;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import dev.trellis.host.engine.abi.AbiOptions;
import dev.trellis.host.engine.abi.CanonLower;
import dev.trellis.host.engine.abi.StringEncoding;
import dev.trellis.host.engine.internal.types.FuncSig;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;

/**
 * The core function a guest imports for a {@code canon lower}: lifts the guest's arguments from its
 * memory, calls the component function (host implementation or another instance's lifted export)
 * and lowers the results back. Holds its own references to the lowering instance's memory and
 * realloc (Chicory pitfall 4: the importing core instance may be a fixup module). A call between
 * two components with an all-scalar signature skips the value model entirely.
 */
public final class LoweredCall implements WasmFunctionHandle {
  private final ComponentState caller;
  private final Func callee;
  private final FuncSig sig;
  private final String name;
  private final AbiOptions options;
  private final boolean flat;
  private final boolean retagResults;
  private final Optional<StringEncoding> encoding;
  private CanonLower lower;

  public LoweredCall(
      ComponentState caller,
      Func callee,
      FuncSig sig,
      String name,
      LiftedFunc.Options options,
      boolean sameScalarSignature,
      boolean retagResults) {
    this.caller = caller;
    this.callee = callee;
    this.sig = sig;
    this.name = name;
    this.options = abiOptions(caller, options);
    this.flat = sameScalarSignature && callee.supportsFlat();
    this.retagResults = retagResults;
    this.encoding = Optional.of(options.encoding());
  }

  private static AbiOptions abiOptions(ComponentState caller, LiftedFunc.Options o) {
    Optional<AbiOptions.Realloc> realloc =
        o.realloc()
            .map(
                f ->
                    (p, os, a, ns) -> (int) caller.withoutLeaving(f, new long[] {p, os, a, ns})[0]);
    return new AbiOptions(o.memory(), realloc, Optional.empty(), o.encoding());
  }

  @Override
  public long[] apply(Instance instance, long... args) {
    caller.checkMayLeave(name);
    if (flat) {
      return callee.callFlat(args);
    }
    CanonLower l = lower;
    if (l == null) {
      l = new CanonLower(sig.toSignature(name), options, caller.handles());
      lower = l;
    }
    return l.call(args, values -> results(callee.call(values, encoding)));
  }

  private List<WitValue> results(List<WitValue> values) {
    return retagResults ? Retagger.retag(sig.result().stream().toList(), values) : values;
  }
}
