package dev.trellis.host.engine.internal.runtime;

import com.dylibso.chicory.runtime.Memory;
import dev.trellis.host.engine.ComponentTrapException;
import dev.trellis.host.engine.ComponentTrapException.Kind;
import dev.trellis.host.engine.abi.AbiOptions;
import dev.trellis.host.engine.abi.CanonLift;
import dev.trellis.host.engine.abi.FunctionAbi;
import dev.trellis.host.engine.abi.StringEncoding;
import dev.trellis.host.engine.internal.types.FuncSig;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitTypeMismatchException;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;

/**
 * A guest core function lifted to a component function ({@code canon lift}) in one instance: enters
 * the instance (reentrance guard), lowers the arguments into its memory, calls the core function,
 * lifts the results, checks borrows and runs post-return. Any failure poisons the instance tree and
 * surfaces as a {@link ComponentTrapException} naming this function.
 *
 * <p>The signature arrives compiled ({@link FunctionAbi}, once per definition); the per-instance
 * {@link CanonLift} is built on the first call under the function's final name.
 */
public final class LiftedFunc extends Func {
  private final ComponentState owner;
  private final Root root;
  private final CoreFunc core;
  private final CanonLift.CoreFunction coreFunction;
  private final FunctionAbi abi;
  private final AbiOptions options;
  private final CoreFunc postReturnOrNull;
  private final FlatScalars flatOrNull;
  private final List<WitType> retagTypes;
  private volatile String name;
  private CanonLift lift;

  /** The canon options resolved to live objects of the owning instance. */
  public record Options(
      Optional<Memory> memory,
      Optional<CoreFunc> realloc,
      Optional<CoreFunc> postReturn,
      StringEncoding encoding) {}

  public LiftedFunc(
      ComponentState owner,
      FuncSig sig,
      FunctionAbi abi,
      CoreFunc core,
      Options options,
      Optional<FlatScalars> flat,
      boolean retagParams,
      String name) {
    super(sig);
    this.owner = owner;
    this.root = owner.root();
    this.core = core;
    this.coreFunction = core::call;
    this.abi = abi;
    this.postReturnOrNull = options.postReturn().orElse(null);
    this.flatOrNull = flat.orElse(null);
    this.retagTypes = retagParams ? sig.paramTypes() : null;
    this.name = name;
    this.options = abiOptions(owner, options);
  }

  private static AbiOptions abiOptions(ComponentState owner, Options o) {
    Optional<AbiOptions.Realloc> realloc =
        o.realloc()
            .map(
                f -> (p, os, a, ns) -> (int) owner.withoutLeaving(f, new long[] {p, os, a, ns})[0]);
    Optional<AbiOptions.PostReturn> post =
        o.postReturn().map(f -> results -> owner.withoutLeaving(f, results));
    return new AbiOptions(o.memory(), realloc, post, o.encoding());
  }

  @Override
  public String name() {
    return name;
  }

  /** Gives the function a better name: qualified names ({@code iface#f}) win over bare ones. */
  public void offerName(String candidate) {
    if (name.indexOf('#') < 0) {
      name = candidate;
    }
  }

  /** The owning instance. */
  public ComponentState owner() {
    return owner;
  }

  @Override
  public List<WitValue> call(List<WitValue> args, Optional<StringEncoding> sourceEncoding) {
    if (root.isPoisoned() || !owner.tryEnter()) {
      throw refused();
    }
    try {
      CanonLift l = lift();
      if (l.scalarsOnly()) {
        return l.callScalars(coreFunction, args);
      }
      List<WitValue> in = retagTypes != null ? Retagger.retag(retagTypes, args) : args;
      return sourceEncoding.isPresent()
          ? l.call(coreFunction, in, sourceEncoding.get())
          : l.call(coreFunction, in);
    } catch (WitTypeMismatchException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw root.trap(name, e);
    } finally {
      owner.exit();
    }
  }

  @Override
  public boolean supportsFlat() {
    return flatOrNull != null;
  }

  /**
   * The all-scalar fast path. Kept lean because an in-process call runs it on every crossing: the
   * poison check and reentrance flag are plain field accesses, and the function's name is read only
   * when a trap is raised.
   */
  @Override
  public long[] callFlat(long[] args) {
    if (root.isPoisoned() || !owner.tryEnter()) {
      throw refused();
    }
    try {
      FlatScalars scalars = flatOrNull;
      scalars.normalizeParams(args);
      long[] results = core.call(args);
      if (postReturnOrNull != null) {
        long[] raw = results.clone();
        scalars.normalizeResults(results);
        owner.withoutLeaving(postReturnOrNull, raw);
      } else {
        scalars.normalizeResults(results);
      }
      return results;
    } catch (RuntimeException | StackOverflowError e) {
      throw root.trap(name, e);
    } finally {
      owner.exit();
    }
  }

  /**
   * The trap for a call refused on entry: the instance is poisoned, or it is already on the call
   * stack (which poisons it).
   */
  private ComponentTrapException refused() {
    root.checkUsable(name);
    return root.trap(
        name,
        new ComponentTrapException(
            Kind.REENTRANCE,
            root.componentName(),
            name,
            "component '" + owner.name() + "' is already on the call stack",
            null));
  }

  private CanonLift lift() {
    CanonLift l = lift;
    if (l == null) {
      l = new CanonLift(abi.named(name), options, owner.handles());
      lift = l;
    }
    return l;
  }
}
