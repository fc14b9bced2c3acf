package dev.trellis.host.engine.internal.plan;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.trellis.host.engine.ComponentLoadException;
import dev.trellis.host.engine.abi.CoreSignature;
import dev.trellis.host.engine.abi.FunctionAbi;
import dev.trellis.host.engine.abi.StringEncoding;
import dev.trellis.host.engine.binary.CanonFunction;
import dev.trellis.host.engine.binary.CanonOptions;
import dev.trellis.host.engine.binary.DefType;
import dev.trellis.host.engine.binary.Definition;
import dev.trellis.host.engine.binary.Sort;
import dev.trellis.host.engine.internal.runtime.FlatScalars;
import dev.trellis.host.engine.internal.runtime.Retagger;
import dev.trellis.host.engine.internal.types.FuncSig;
import dev.trellis.host.engine.internal.types.ResolvedType;
import dev.trellis.host.engine.internal.types.WitTypeResolver;
import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitType;
import java.util.List;

/**
 * Plans type definitions and canonical built-ins: resolves signatures, computes the core function
 * types of lowered imports, decides the all-scalar fast path and whether handles need relabelling,
 * and validates option indices, so the runtime steps only wire live objects together.
 */
final class CanonPlanner {
  private static final FunctionType I32_TO_I32 =
      FunctionType.of(List.of(ValType.I32), List.of(ValType.I32));
  private static final FunctionType I32_TO_NONE = FunctionType.of(List.of(ValType.I32), List.of());

  private final Scope scope;
  private final List<Step> steps;
  private final List<String> funcNames;

  CanonPlanner(Scope scope, List<Step> steps, List<String> funcNames) {
    this.scope = scope;
    this.steps = steps;
    this.funcNames = funcNames;
  }

  void typeDef(Definition.TypeDef def) {
    int index = scope.types().size();
    String name = scope.debugName(Sort.TYPE, index).filter(n -> !n.isBlank()).orElse("resource");
    ResolvedType type = WitTypeResolver.resolve(def.type(), scope.types(), name);
    scope.types().add(type);
    if (def.type() instanceof DefType.ResourceType r && type instanceof ResolvedType.Resource res) {
      r.destructor().ifPresent(d -> scope.checkCore(Sort.CORE_FUNC, d));
      steps.add(new Step.DefineResource(res.type(), r.destructor()));
    }
  }

  void canon(CanonFunction function) {
    switch (function) {
      case CanonFunction.Lift lift -> lift(lift);
      case CanonFunction.Lower lower -> lower(lower);
      case CanonFunction.ResourceNew r -> resource(Step.Builtin.NEW, r.resourceType(), I32_TO_I32);
      case CanonFunction.ResourceRep r -> resource(Step.Builtin.REP, r.resourceType(), I32_TO_I32);
      case CanonFunction.ResourceDrop r ->
          resource(Step.Builtin.DROP, r.resourceType(), I32_TO_NONE);
    }
  }

  private void lift(CanonFunction.Lift lift) {
    scope.checkCore(Sort.CORE_FUNC, lift.coreFuncIndex());
    FuncSig sig = InstanceTypes.funcSig(scope.types().get(lift.typeIndex()), "lifted function");
    Step.Options options = options(lift.options(), "canon lift");
    int target = scope.add(new StaticItem.FuncItem(sig));
    String name = scope.debugName(Sort.FUNC, target).orElse("func " + target);
    funcNames.add(name);
    FunctionAbi abi = compile(sig, name);
    checkFlattens(name, abi, CoreSignature.Direction.LIFT);
    OptionCheck.lift(abi, options, scope.componentName());
    boolean retag = sig.paramTypes().stream().anyMatch(Retagger::containsHandles);
    steps.add(
        new Step.Lift(
            target, lift.coreFuncIndex(), options, sig, abi, FlatScalars.of(sig), retag, name));
  }

  private void lower(CanonFunction.Lower lower) {
    if (!(scope.item(Sort.FUNC, lower.funcIndex()) instanceof StaticItem.FuncItem callee)) {
      throw new ComponentLoadException("canon lower of a non-function");
    }
    FuncSig sig = callee.sig();
    String name = funcNames.get(lower.funcIndex());
    Step.Options options = options(lower.options(), "canon lower");
    FunctionAbi abi = compile(sig, name);
    FunctionType coreType = checkFlattens(name, abi, CoreSignature.Direction.LOWER);
    OptionCheck.lower(abi, options, scope.componentName());
    boolean retag = sig.result().map(Retagger::containsHandles).orElse(false);
    int target = scope.addCore(Sort.CORE_FUNC);
    steps.add(
        new Step.Lower(
            target,
            lower.funcIndex(),
            options,
            sig,
            abi,
            coreType,
            name,
            FlatScalars.of(sig),
            retag));
  }

  private void resource(Step.Builtin builtin, int typeIndex, FunctionType coreType) {
    ResourceType type = WitTypeResolver.resourceAt(typeIndex, scope.types());
    int target = scope.addCore(Sort.CORE_FUNC);
    steps.add(new Step.Resource(target, builtin, type, coreType));
  }

  private Step.Options options(CanonOptions o, String what) {
    if (o.async() || o.callback().isPresent()) {
      throw new ComponentLoadException(
          "unsupported: async " + what + " in component '" + scope.componentName() + "'");
    }
    o.memory().ifPresent(m -> scope.checkCore(Sort.CORE_MEMORY, m));
    o.realloc().ifPresent(r -> scope.checkCore(Sort.CORE_FUNC, r));
    o.postReturn().ifPresent(p -> scope.checkCore(Sort.CORE_FUNC, p));
    return new Step.Options(o.memory(), o.realloc(), o.postReturn(), encoding(o.stringEncoding()));
  }

  private static StringEncoding encoding(CanonOptions.StringEncoding e) {
    return switch (e) {
      case UTF8 -> StringEncoding.UTF8;
      case UTF16 -> StringEncoding.UTF16;
      case LATIN1_UTF16 -> StringEncoding.LATIN1_UTF16;
    };
  }

  /**
   * Compiles {@code sig} for the canonical ABI once, at load time; every instance's lift or lower
   * reuses it. Fails at load time if it cannot be carried synchronously.
   */
  private FunctionAbi compile(FuncSig sig, String name) {
    for (WitType t : sig.paramTypes()) {
      rejectAsync(t, name);
    }
    sig.result().ifPresent(t -> rejectAsync(t, name));
    try {
      return FunctionAbi.compile(sig.toSignature(name));
    } catch (RuntimeException e) {
      throw loadFailure(name, e);
    }
  }

  /** The core type of {@code abi} in {@code direction}; fails at load time if it cannot flatten. */
  private FunctionType checkFlattens(
      String name, FunctionAbi abi, CoreSignature.Direction direction) {
    try {
      return abi.coreSignature(direction).toFunctionType();
    } catch (RuntimeException e) {
      throw loadFailure(name, e);
    }
  }

  private ComponentLoadException loadFailure(String name, RuntimeException e) {
    return new ComponentLoadException(
        "component '" + scope.componentName() + "' function " + name + ": " + e.getMessage(), e);
  }

  private void rejectAsync(WitType type, String name) {
    if (type instanceof WitType.FutureType || type instanceof WitType.StreamType) {
      throw new ComponentLoadException(
          "unsupported: future or stream in function "
              + name
              + " of component '"
              + scope.componentName()
              + "'");
    }
  }
}
