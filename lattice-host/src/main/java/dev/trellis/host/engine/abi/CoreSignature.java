package dev.trellis.host.engine.abi;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * The core WebAssembly function type of a lifted or lowered component function: what the guest's
 * core export must have ({@code canon lift}) or what the host function given to the guest has
 * ({@code canon lower}).
 *
 * @param params core parameter types
 * @param results core result types (at most one)
 */
public record CoreSignature(List<FlatType> params, List<FlatType> results) {

  /** Which canon definition the signature is for; they differ when results spill to memory. */
  public enum Direction {
    /**
     * {@code canon lift}: the guest exports the core function. Results that flatten to more than
     * one value come back as a single i32 pointer into guest memory.
     */
    LIFT,
    /**
     * {@code canon lower}: the guest imports the core function. Results that flatten to more than
     * one value are written through an extra trailing i32 out-pointer parameter and the function
     * returns nothing.
     */
    LOWER
  }

  public CoreSignature {
    params = List.copyOf(params);
    results = List.copyOf(results);
  }

  /** The Chicory function type, for {@code HostFunction} or checking a core export. */
  public FunctionType toFunctionType() {
    return FunctionType.of(valTypes(params), valTypes(results));
  }

  private static List<ValType> valTypes(List<FlatType> types) {
    List<ValType> out = new ArrayList<>(types.size());
    for (FlatType t : types) {
      out.add(t.valType());
    }
    return out;
  }
}
