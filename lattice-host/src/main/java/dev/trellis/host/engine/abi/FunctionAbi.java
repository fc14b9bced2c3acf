package dev.trellis.host.engine.abi;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.abi.AbiType.Async;
import dev.trellis.host.engine.abi.AbiType.Handle;
import dev.trellis.wrpc.wit.WitType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link FunctionSignature} compiled for the canonical ABI: its parameter and result groups with
 * their flattening and spill decisions, and the core signatures for both directions. Compile it
 * once per canon definition (at load time) and build every instance's {@link CanonLift} or {@link
 * CanonLower} from it; {@link #named} renames it for messages without compiling again.
 */
public final class FunctionAbi {
  private final FunctionSignature signature;
  private final ValueGroup params;
  private final ValueGroup results;
  private final boolean scalarsOnly;
  private final CoreSignature liftSignature;
  private final CoreSignature lowerSignature;

  private FunctionAbi(FunctionSignature signature, ValueGroup params, ValueGroup results) {
    this.signature = signature;
    this.params = params;
    this.results = results;
    this.scalarsOnly = params.scalarsOnly() && results.scalarsOnly();
    this.liftSignature = flatten(CoreSignature.Direction.LIFT);
    this.lowerSignature = flatten(CoreSignature.Direction.LOWER);
  }

  /**
   * Compiles {@code signature}, rejecting what the synchronous ABI cannot carry.
   *
   * @throws HostException for a borrow in the results or a future or stream anywhere
   */
  public static FunctionAbi compile(FunctionSignature signature) {
    List<String> paramNames = new ArrayList<>();
    List<WitType> paramTypes = new ArrayList<>();
    for (FunctionSignature.Param p : signature.params()) {
      paramNames.add("param \"" + p.name() + "\"");
      paramTypes.add(p.type());
    }
    List<String> resultNames = new ArrayList<>();
    for (int i = 0; i < signature.results().size(); i++) {
      resultNames.add(signature.results().size() == 1 ? "result" : "result " + i);
    }
    ValueGroup params =
        ValueGroup.compile(
            signature.name(), "params", paramNames, paramTypes, Flattening.MAX_FLAT_PARAMS);
    ValueGroup results =
        ValueGroup.compile(
            signature.name(),
            "results",
            resultNames,
            signature.results(),
            Flattening.MAX_FLAT_RESULTS);
    reject(signature, params, a -> a instanceof Async, "future or stream in a parameter");
    reject(signature, results, a -> a instanceof Async, "future or stream in a result");
    reject(signature, results, a -> a instanceof Handle h && !h.own(), "borrow in a result");
    return new FunctionAbi(signature, params, results);
  }

  private static void reject(
      FunctionSignature signature,
      ValueGroup group,
      java.util.function.Predicate<AbiType> test,
      String what) {
    for (AbiType t : group.types()) {
      Optional<AbiType> found = AbiTypes.find(t, test);
      if (found.isPresent()) {
        throw new HostException(
            "function \""
                + signature.name()
                + "\" cannot use the synchronous canonical ABI: "
                + what
                + " ("
                + AbiType.describe(found.get())
                + ")");
      }
    }
  }

  /**
   * This compiled signature under another name (the name appears in trap and mismatch messages).
   */
  public FunctionAbi named(String name) {
    if (name.equals(signature.name())) {
      return this;
    }
    return new FunctionAbi(
        new FunctionSignature(name, signature.params(), signature.results()),
        params.named(name),
        results.named(name));
  }

  /** The component-level signature. */
  public FunctionSignature signature() {
    return signature;
  }

  /**
   * Whether every parameter and result is a scalar (bool, integer, float, char) passed flat, so a
   * call needs no guest memory, realloc or handle bookkeeping.
   */
  boolean scalarsOnly() {
    return scalarsOnly;
  }

  ValueGroup params() {
    return params;
  }

  ValueGroup results() {
    return results;
  }

  /** The core function type in {@code direction} ({@code flatten_functype}). */
  public CoreSignature coreSignature(CoreSignature.Direction direction) {
    return switch (direction) {
      case LIFT -> liftSignature;
      case LOWER -> lowerSignature;
    };
  }

  private CoreSignature flatten(CoreSignature.Direction direction) {
    List<FlatType> coreParams = params.spilled() ? List.of(FlatType.I32) : params.flatTypes();
    if (!results.spilled()) {
      return new CoreSignature(coreParams, results.flatTypes());
    }
    return switch (direction) {
      case LIFT -> new CoreSignature(coreParams, List.of(FlatType.I32));
      case LOWER -> {
        List<FlatType> withOut = new ArrayList<>(coreParams);
        withOut.add(FlatType.I32);
        yield new CoreSignature(withOut, List.of());
      }
    };
  }
}
