package dev.trellis.host.engine.abi;

import dev.trellis.wrpc.wit.WitType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A component-level function type as the canonical ABI sees it: named parameters and the result
 * types (none or one in current WIT; older binaries may name several). The name is only used in
 * trap messages, so give the import or export name, e.g. {@code wasi:cli/stdout#get-stdout}.
 *
 * @param name the function's name for messages
 * @param params the parameters in order
 * @param results the result types in order (usually zero or one)
 */
public record FunctionSignature(String name, List<Param> params, List<WitType> results) {

  /** One named parameter. */
  public record Param(String name, WitType type) {
    public Param {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  public FunctionSignature {
    Objects.requireNonNull(name, "name");
    params = List.copyOf(params);
    results = List.copyOf(results);
  }

  /** A signature with at most one, unnamed result, as current WIT has it. */
  public static FunctionSignature of(String name, List<Param> params, Optional<WitType> result) {
    return new FunctionSignature(name, params, result.map(List::of).orElse(List.of()));
  }

  /** The parameter types in order. */
  public List<WitType> paramTypes() {
    return params.stream().map(Param::type).toList();
  }

  /** The core function type this signature flattens to in {@code direction}. */
  public CoreSignature coreSignature(CoreSignature.Direction direction) {
    return Flattening.coreSignature(this, direction);
  }
}
