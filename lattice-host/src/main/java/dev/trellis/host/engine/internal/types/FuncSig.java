package dev.trellis.host.engine.internal.types;

import dev.trellis.host.engine.abi.FunctionSignature;
import dev.trellis.wrpc.wit.WitType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A resolved component function type: named parameters and at most one result, with every type
 * index replaced by a {@link WitType}. Resource types are the ones this component's view binds (its
 * own definitions or placeholders for imported abstract resources).
 */
public record FuncSig(List<FunctionSignature.Param> params, Optional<WitType> result) {
  public FuncSig {
    params = List.copyOf(params);
    Objects.requireNonNull(result, "result");
  }

  /** The canonical ABI signature, named {@code name} for messages. */
  public FunctionSignature toSignature(String name) {
    return FunctionSignature.of(name, params, result);
  }

  /** The parameter types in order. */
  public List<WitType> paramTypes() {
    return params.stream().map(FunctionSignature.Param::type).toList();
  }
}
