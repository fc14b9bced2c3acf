package dev.trellis.host.engine.internal.runtime;

import com.dylibso.chicory.runtime.Memory;
import dev.trellis.host.engine.ComponentTrapException;
import dev.trellis.host.engine.ComponentTrapException.Kind;
import dev.trellis.host.engine.abi.AbiOptions;
import dev.trellis.host.engine.abi.CallScope;
import dev.trellis.host.engine.abi.CanonLift;
import dev.trellis.host.engine.abi.StringEncoding;
import dev.trellis.host.engine.internal.types.FuncSig;
import dev.trellis.wrpc.wit.WitTypeMismatchException;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;

/**
 * A guest core function lifted to a component function ({@code canon lift}) in one instance: enters
 * the instance (reentrance guard), lowers the arguments into its memory, calls the core function,
 * lifts the results, checks borrows and runs post-return. Any failure poisons the instance tree and
 * surfaces as a {@link ComponentTrapException} naming this function.
 */
public final class LiftedFunc extends Func {
  private final ComponentState owner;
  private final CoreFunc core;
  private final AbiOptions options;
  private final Optional<CoreFunc> postReturn;
  private final Optional<FlatScalars> flat;
  private final boolean retagParams;
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
      CoreFunc core,
      Options options,
      Optional<FlatScalars> flat,
      boolean retagParams,
      String name) {
    super(sig);
    this.owner = owner;
    this.core = core;
    this.postReturn = options.postReturn();
    this.flat = flat;
    this.retagParams = retagParams;
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
    Root root = owner.root();
    root.checkUsable(name);
    enter(root);
    try {
      CanonLift l = lift();
      CallScope scope = l.newScope();
      long[] flatArgs = lowerArguments(l, scope, args, sourceEncoding);
      long[] results = core.call(flatArgs);
      List<WitValue> out = l.liftResults(scope, results);
      l.finish(scope, results);
      return out;
    } catch (WitTypeMismatchException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw root.trap(name, e);
    } finally {
      owner.exit();
    }
  }

  private long[] lowerArguments(
      CanonLift l, CallScope scope, List<WitValue> args, Optional<StringEncoding> source) {
    List<WitValue> in = retagParams ? Retagger.retag(sig().paramTypes(), args) : args;
    return source.isPresent()
        ? l.lowerArguments(scope, in, source.get())
        : l.lowerArguments(scope, in);
  }

  @Override
  public boolean supportsFlat() {
    return flat.isPresent();
  }

  @Override
  public long[] callFlat(long[] args) {
    Root root = owner.root();
    root.checkUsable(name);
    enter(root);
    try {
      FlatScalars scalars = flat.orElseThrow();
      scalars.normalizeParams(args);
      long[] results = core.call(args);
      if (postReturn.isPresent()) {
        long[] raw = results.clone();
        scalars.normalizeResults(results);
        owner.withoutLeaving(postReturn.get(), raw);
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

  private void enter(Root root) {
    if (!owner.tryEnter()) {
      throw root.trap(
          name,
          new ComponentTrapException(
              Kind.REENTRANCE,
              root.componentName(),
              name,
              "component '" + owner.name() + "' is already on the call stack",
              null));
    }
  }

  private CanonLift lift() {
    CanonLift l = lift;
    if (l == null) {
      l = new CanonLift(sig().toSignature(name), options, owner.handles());
      lift = l;
    }
    return l;
  }
}
