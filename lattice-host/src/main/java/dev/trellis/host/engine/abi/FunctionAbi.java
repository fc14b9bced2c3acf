package dev.trellis.host.engine.abi;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.abi.AbiType.Async;
import dev.trellis.host.engine.abi.AbiType.Handle;
import dev.trellis.wrpc.wit.WitType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link FunctionSignature} compiled once per canon definition: its parameter and result groups
 * with their flattening and spill decisions, and the core signatures for both directions.
 */
final class FunctionAbi {
  private final FunctionSignature signature;
  private final ValueGroup params;
  private final ValueGroup results;

  private FunctionAbi(FunctionSignature signature, ValueGroup params, ValueGroup results) {
    this.signature = signature;
    this.params = params;
    this.results = results;
  }

  /**
   * Compiles {@code signature}, rejecting what the synchronous ABI cannot carry.
   *
   * @throws HostException for a borrow in the results or a future or stream anywhere
   */
  static FunctionAbi compile(FunctionSignature signature) {
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

  FunctionSignature signature() {
    return signature;
  }

  ValueGroup params() {
    return params;
  }

  ValueGroup results() {
    return results;
  }

  /** The core function type in {@code direction} ({@code flatten_functype}). */
  CoreSignature coreSignature(CoreSignature.Direction direction) {
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
