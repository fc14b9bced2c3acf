package dev.trellis.host.engine.abi;

import dev.trellis.host.HostException;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The canonical ABI side of a {@code canon lift}: calling a guest's core export as a component
 * function. Build one per lift definition (it compiles the signature and validates the options);
 * each call then lowers the arguments into the guest, lifts the core results, checks that every
 * borrow handed to the guest was dropped, and runs post-return.
 *
 * <pre>{@code
 * CanonLift lift = new CanonLift(signature, options, calleeInstanceHandles);
 * FunctionType expected = lift.coreSignature().toFunctionType(); // check the core export
 * List<WitValue> results = lift.call(coreExport::apply, args);
 * }</pre>
 *
 * <p>Own and borrow values cross as {@code HandleValue(type, rep)}: arguments are given by rep and
 * become handles in the callee's table; own results come back as reps removed from it. Strings in
 * arguments are written as a direct copy in the guest's encoding unless a source encoding is given
 * (when relaying a call from another component, pass that component's encoding so the transcoding
 * and realloc sequence are the spec's).
 */
public final class CanonLift {
  private final FunctionAbi abi;
  private final AbiOptions options;
  private final HandleTable handles;
  private final CoreSignature coreSignature;

  /**
   * Calls a core function with flat arguments in Chicory's convention, e.g. {@code export::apply}.
   */
  @FunctionalInterface
  public interface CoreFunction {
    /** Calls the function; the result array has one element per core result. */
    long[] call(long[] args);
  }

  /**
   * Compiles {@code signature} for lifting with {@code options} into the instance whose table is
   * {@code handles}.
   *
   * @throws HostException if the signature needs a memory or realloc the options lack, or cannot be
   *     lifted synchronously at all
   */
  public CanonLift(FunctionSignature signature, AbiOptions options, HandleTable handles) {
    this(FunctionAbi.compile(signature), options, handles);
  }

  /**
   * A lift of an already compiled signature (compile it once per definition with {@link
   * FunctionAbi#compile} and share it between instances).
   *
   * @throws HostException if the signature needs a memory or realloc the options lack
   */
  public CanonLift(FunctionAbi abi, AbiOptions options, HandleTable handles) {
    this.abi = Objects.requireNonNull(abi, "abi");
    this.options = Objects.requireNonNull(options, "options");
    this.handles = Objects.requireNonNull(handles, "handles");
    this.coreSignature = abi.coreSignature(CoreSignature.Direction.LIFT);
    boolean params = abi.params().usesMemory();
    if ((params || abi.results().usesMemory()) && options.memory().isEmpty()) {
      throw missing("memory", abi.signature());
    }
    if (params && options.realloc().isEmpty()) {
      throw missing("realloc", abi.signature());
    }
  }

  static HostException missing(String option, FunctionSignature signature) {
    return new HostException(
        "canon options for \""
            + signature.name()
            + "\" need a "
            + option
            + " for its parameters or results");
  }

  /** The component-level signature. */
  public FunctionSignature signature() {
    return abi.signature();
  }

  /** The options this lift uses; its string encoding is the source encoding for a relay. */
  public AbiOptions options() {
    return options;
  }

  /** The core type the lifted export must have. */
  public CoreSignature coreSignature() {
    return coreSignature;
  }

  /**
   * Whether every parameter and result is a scalar, so {@link #callScalars} may be used: such a
   * call touches no guest memory and lends no handles.
   */
  public boolean scalarsOnly() {
    return abi.scalarsOnly();
  }

  /**
   * The whole call for a signature of scalars only (see {@link #scalarsOnly}): the arguments go
   * straight to flat core values and the results straight back, without a call scope or lifting
   * context; post-return runs as usual.
   */
  public List<WitValue> callScalars(CoreFunction core, List<WitValue> args) {
    long[] coreResults = core.call(abi.params().lowerScalars(args));
    if (coreResults.length != coreSignature.results().size()) {
      throw wrongResultCount(coreResults.length);
    }
    List<WitValue> results = abi.results().liftScalars(coreResults);
    Optional<AbiOptions.PostReturn> postReturn = options.postReturn();
    if (postReturn.isPresent()) {
      postReturn.get().call(coreResults);
    }
    return results;
  }

  /** A fresh scope for one call. */
  public CallScope newScope() {
    return new CallScope(abi.signature().name());
  }

  /** Lowers {@code args} into the callee, with strings copied in the callee's own encoding. */
  public long[] lowerArguments(CallScope scope, List<WitValue> args) {
    return lowerArguments(scope, args, options.stringEncoding());
  }

  /** Lowers {@code args} into the callee, transcoding strings from {@code sourceEncoding}. */
  public long[] lowerArguments(
      CallScope scope, List<WitValue> args, StringEncoding sourceEncoding) {
    return abi.params().lower(context(scope, sourceEncoding), args);
  }

  /** Lifts the callee's core results (reading through the return pointer when they spilled). */
  public List<WitValue> liftResults(CallScope scope, long[] coreResults) {
    return liftResults(context(scope, options.stringEncoding()), coreResults);
  }

  private List<WitValue> liftResults(Cx cx, long[] coreResults) {
    if (coreResults.length != coreSignature.results().size()) {
      throw wrongResultCount(coreResults.length);
    }
    return abi.results().lift(cx, coreResults);
  }

  private HostException wrongResultCount(int count) {
    return new HostException(
        "core function for \""
            + abi.signature().name()
            + "\" returned "
            + count
            + " values, expected "
            + coreSignature.results().size());
  }

  /**
   * Ends the call: traps if the callee kept a borrow, then runs post-return (if configured) with
   * the core results.
   */
  public void finish(CallScope scope, long[] coreResults) {
    scope.checkBorrowsDropped();
    Optional<AbiOptions.PostReturn> postReturn = options.postReturn();
    if (postReturn.isPresent()) {
      postReturn.get().call(coreResults);
    }
  }

  /** The whole call with host-made arguments: lower, call {@code core}, lift results, finish. */
  public List<WitValue> call(CoreFunction core, List<WitValue> args) {
    return call(core, args, options.stringEncoding());
  }

  /**
   * The whole call with arguments whose strings come from a component using {@code sourceEncoding}
   * (a relayed component-to-component call).
   */
  public List<WitValue> call(
      CoreFunction core, List<WitValue> args, StringEncoding sourceEncoding) {
    CallScope scope = newScope();
    Cx cx = context(scope, sourceEncoding);
    long[] coreResults = core.call(abi.params().lower(cx, args));
    List<WitValue> results = liftResults(cx, coreResults);
    finish(scope, coreResults);
    return results;
  }

  private Cx context(CallScope scope, StringEncoding sourceEncoding) {
    return new Cx(options, sourceEncoding, handles, scope);
  }
}
