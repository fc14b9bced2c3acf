package dev.trellis.host.engine.abi;

import dev.trellis.host.HostException;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Objects;

/**
 * The canonical ABI side of a {@code canon lower}: a core function the guest imports that calls a
 * component function (a host implementation, or another component's lifted export). Build one per
 * lower definition; each call lifts the guest's flat arguments, calls the callee, lowers the
 * results back (through the trailing out-pointer when they spill) and ends the borrows the guest
 * lent for the call.
 *
 * <pre>{@code
 * CanonLower lower = new CanonLower(signature, options, callerInstanceHandles);
 * HostFunction fn = new HostFunction(module, name, lower.coreSignature().toFunctionType(),
 *     (instance, args) -> lower.call(args, callee));
 * }</pre>
 *
 * <p>Own arguments are removed from the caller's table and reach the callee as {@code
 * HandleValue(type, rep)}; borrow arguments reach it as the rep while the caller's handle is marked
 * as lending until the call returns. Own results given by rep become new handles in the caller's
 * table.
 */
public final class CanonLower {
  private static final long[] NO_RESULTS = new long[0];

  private final FunctionAbi abi;
  private final AbiOptions options;
  private final HandleTable handles;
  private final CoreSignature coreSignature;

  /** The component function being called, with lifted arguments; returns its results. */
  @FunctionalInterface
  public interface Callee {
    /** Runs the function. */
    List<WitValue> call(List<WitValue> args);
  }

  /**
   * Compiles {@code signature} for lowering with {@code options} into the instance whose table is
   * {@code handles}.
   *
   * @throws HostException if the options lack a needed memory or realloc, carry a post-return (only
   *     valid on lift), or the signature cannot be lowered synchronously
   */
  public CanonLower(FunctionSignature signature, AbiOptions options, HandleTable handles) {
    this(FunctionAbi.compile(signature), options, handles);
  }

  /**
   * A lower of an already compiled signature (compile it once per definition with {@link
   * FunctionAbi#compile} and share it between instances).
   *
   * @throws HostException if the options lack a needed memory or realloc or carry a post-return
   */
  public CanonLower(FunctionAbi abi, AbiOptions options, HandleTable handles) {
    FunctionSignature signature = abi.signature();
    this.abi = abi;
    this.options = Objects.requireNonNull(options, "options");
    this.handles = Objects.requireNonNull(handles, "handles");
    this.coreSignature = abi.coreSignature(CoreSignature.Direction.LOWER);
    if (options.postReturn().isPresent()) {
      throw new HostException(
          "canon lower of \"" + signature.name() + "\" must not have a post-return option");
    }
    if ((abi.params().usesMemory() || abi.results().usesMemory()) && options.memory().isEmpty()) {
      throw CanonLift.missing("memory", signature);
    }
    if (abi.results().anyUsesMemory() && options.realloc().isEmpty()) {
      throw CanonLift.missing("realloc", signature);
    }
  }

  /** The component-level signature. */
  public FunctionSignature signature() {
    return abi.signature();
  }

  /** The options this lower uses; its string encoding is the source encoding for a relay. */
  public AbiOptions options() {
    return options;
  }

  /** The core type of the function the guest imports. */
  public CoreSignature coreSignature() {
    return coreSignature;
  }

  /** A fresh scope for one call. */
  public CallScope newScope() {
    return new CallScope(abi.signature().name());
  }

  /** Lifts the guest's arguments (from the spilled tuple when the params spilled). */
  public List<WitValue> liftArguments(CallScope scope, long[] coreArgs) {
    return liftArguments(context(scope, options.stringEncoding()), coreArgs);
  }

  private List<WitValue> liftArguments(Cx cx, long[] coreArgs) {
    checkArgumentCount(coreArgs);
    return abi.params().lift(cx, coreArgs);
  }

  private void checkArgumentCount(long[] coreArgs) {
    if (coreArgs.length != coreSignature.params().size()) {
      throw new HostException(
          "core call of \""
              + abi.signature().name()
              + "\" got "
              + coreArgs.length
              + " arguments, expected "
              + coreSignature.params().size());
    }
  }

  /** Lowers {@code results} into the caller, with strings copied in the caller's own encoding. */
  public long[] lowerResults(CallScope scope, List<WitValue> results, long[] coreArgs) {
    return lowerResults(context(scope, options.stringEncoding()), results, coreArgs);
  }

  /**
   * Lowers {@code results} into the caller, transcoding strings from {@code sourceEncoding}. When
   * the results spill, they are stored at the out-pointer (the last core argument) and the core
   * function returns nothing.
   */
  public long[] lowerResults(
      CallScope scope, List<WitValue> results, long[] coreArgs, StringEncoding sourceEncoding) {
    return lowerResults(context(scope, sourceEncoding), results, coreArgs);
  }

  private long[] lowerResults(Cx cx, List<WitValue> results, long[] coreArgs) {
    if (!abi.results().spilled()) {
      return abi.results().lower(cx, results);
    }
    abi.results().lowerTo(cx, results, (int) coreArgs[coreArgs.length - 1]);
    return NO_RESULTS;
  }

  /** The whole call to a host callee: lift arguments, run it, lower results, release lends. */
  public long[] call(long[] coreArgs, Callee callee) {
    return call(coreArgs, callee, options.stringEncoding());
  }

  /**
   * The whole call to a callee whose result strings come from a component using {@code
   * sourceEncoding} (a relayed component-to-component call).
   */
  public long[] call(long[] coreArgs, Callee callee, StringEncoding sourceEncoding) {
    if (abi.scalarsOnly()) {
      checkArgumentCount(coreArgs);
      return abi.results().lowerScalars(callee.call(abi.params().liftScalars(coreArgs)));
    }
    CallScope scope = newScope();
    try {
      // One context serves both directions: the source encoding only matters when lowering.
      Cx cx = context(scope, sourceEncoding);
      List<WitValue> args = liftArguments(cx, coreArgs);
      return lowerResults(cx, callee.call(args), coreArgs);
    } finally {
      scope.releaseLends();
    }
  }

  private Cx context(CallScope scope, StringEncoding sourceEncoding) {
    return new Cx(options, sourceEncoding, handles, scope);
  }
}
