package dev.trellis.host.engine;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.abi.FunctionSignature;
import dev.trellis.host.engine.internal.runtime.Deadline;
import dev.trellis.host.engine.internal.runtime.Func;
import dev.trellis.host.engine.internal.runtime.Retagger;
import dev.trellis.host.engine.internal.runtime.Root;
import dev.trellis.host.engine.internal.types.FuncSig;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitTypes;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;

/**
 * A typed handle to one exported function of a {@link ComponentInstance}: its WIT signature (so a
 * caller can parse WAVE arguments with {@code Wave.parseCall(text, fn.paramTypes())}) and a way to
 * call it. Calls run on the calling thread under the instance's deadline; a component instance runs
 * one call at a time.
 */
public final class ComponentFunction {
  private final String name;
  private final FunctionSignature signature;
  private final Func func;
  private final Root root;
  private final boolean[] handles;
  private final String[] labels;

  ComponentFunction(String name, FuncSig sig, Func func, Root root) {
    this.name = name;
    this.signature = sig.toSignature(name);
    this.func = func;
    this.root = root;
    this.handles = new boolean[sig.params().size()];
    this.labels = new String[handles.length];
    for (int i = 0; i < handles.length; i++) {
      handles[i] = Retagger.containsHandles(sig.params().get(i).type());
      labels[i] = "param \"" + sig.params().get(i).name() + "\"";
    }
  }

  /** The qualified name: {@code ns:pkg/iface@version#function} or a world-level name. */
  public String name() {
    return name;
  }

  /** The WIT signature. */
  public FunctionSignature signature() {
    return signature;
  }

  /** The parameter types in order. */
  public List<WitType> paramTypes() {
    return signature.paramTypes();
  }

  /** The result type, if the function returns a value. */
  public Optional<WitType> resultType() {
    return signature.results().isEmpty()
        ? Optional.empty()
        : Optional.of(signature.results().get(0));
  }

  /** Calls the function with arguments of its parameter types. */
  public Optional<WitValue> call(WitValue... args) {
    return call(List.of(args));
  }

  /**
   * Calls the function.
   *
   * @return the result, or empty for a function without one
   * @throws ComponentTrapException if the guest traps, exceeds its deadline or is poisoned
   * @throws dev.trellis.wrpc.wit.WitTypeMismatchException if an argument does not fit its type
   * @throws HostException if the number of arguments is wrong
   */
  public Optional<WitValue> call(List<WitValue> args) {
    if (args.size() != signature.params().size()) {
      throw new HostException(
          "function '"
              + name
              + "' takes "
              + signature.params().size()
              + " arguments, got "
              + args.size());
    }
    root.checkUsable(name);
    checkArguments(args);
    Optional<Deadline> deadline = Deadline.arm(root.limits().callDeadline());
    try {
      List<WitValue> results = func.call(args, Optional.empty());
      return results.isEmpty() ? Optional.empty() : Optional.of(results.get(0));
    } finally {
      if (deadline.isPresent()) {
        deadline.get().close();
      }
    }
  }

  /** Rejects ill-typed arguments before the guest sees them, so a caller's mistake never traps. */
  private void checkArguments(List<WitValue> args) {
    List<FunctionSignature.Param> params = signature.params();
    for (int i = 0; i < params.size(); i++) {
      WitType type = params.get(i).type();
      WitValue arg = args.get(i);
      WitTypes.check(type, handles[i] ? Retagger.retag(type, arg) : arg, labels[i]);
    }
  }

  @Override
  public String toString() {
    return "ComponentFunction[" + name + "]";
  }
}
