package dev.trellis.host.engine.internal.runtime;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import dev.trellis.host.engine.abi.AbiOptions;
import dev.trellis.host.engine.abi.CanonLower;
import dev.trellis.host.engine.abi.FunctionAbi;
import dev.trellis.host.engine.abi.StringEncoding;
import dev.trellis.host.engine.internal.types.FuncSig;
import dev.trellis.wrpc.wit.WitType;
import java.util.List;
import java.util.Optional;

/**
 * The core function a guest imports for a {@code canon lower}: lifts the guest's arguments from its
 * memory, calls the component function (host implementation or another instance's lifted export)
 * and lowers the results back. Holds its own references to the lowering instance's memory and
 * realloc (Chicory pitfall 4: the importing core instance may be a fixup module). A call between
 * two components with an all-scalar signature skips the value model entirely and goes straight to
 * the callee's {@link LiftedFunc#callFlat}.
 */
public final class LoweredCall implements WasmFunctionHandle {
  private final ComponentState caller;
  private final LiftedFunc flatCallee;
  private final String name;
  private final CanonLower lower;
  private final CanonLower.Callee relay;

  public LoweredCall(
      ComponentState caller,
      Func callee,
      FuncSig sig,
      FunctionAbi abi,
      String name,
      LiftedFunc.Options options,
      boolean sameScalarSignature,
      boolean retagResults) {
    this.caller = caller;
    this.name = name;
    this.flatCallee =
        sameScalarSignature && callee.supportsFlat() && callee instanceof LiftedFunc lifted
            ? lifted
            : null;
    this.lower =
        flatCallee != null
            ? null
            : new CanonLower(abi.named(name), abiOptions(caller, options), caller.handles());
    Optional<StringEncoding> encoding = Optional.of(options.encoding());
    List<WitType> resultTypes = sig.result().stream().toList();
    this.relay =
        retagResults
            ? values -> Retagger.retag(resultTypes, callee.call(values, encoding))
            : values -> callee.call(values, encoding);
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
    if (!caller.mayLeave()) {
      throw caller.cannotLeave(name);
    }
    LiftedFunc flat = flatCallee;
    if (flat != null) {
      return flat.callFlat(args);
    }
    return lower.call(args, relay);
  }
}
