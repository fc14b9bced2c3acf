package dev.trellis.host.engine.abi;

import dev.trellis.wrpc.wit.WitType;
import java.util.ArrayList;
import java.util.List;

/**
 * How component values become core WebAssembly values: each WIT type flattens to a fixed list of
 * i32/i64/f32/f64 (variants join their cases' slots), and a function whose parameters or results
 * flatten to too many values passes them through memory instead.
 */
public final class Flattening {
  /** More flat parameters than this are passed as one pointer to a tuple in memory. */
  public static final int MAX_FLAT_PARAMS = 16;

  /** More flat results than this are passed through memory (return pointer or out-pointer). */
  public static final int MAX_FLAT_RESULTS = 1;

  private Flattening() {}

  /** The core types a value of {@code type} flattens to, in order. */
  public static List<FlatType> flatten(WitType type) {
    return List.of(AbiTypes.compile(type).flat());
  }

  /** The concatenated flattening of {@code types}, as for a parameter list. */
  public static List<FlatType> flatten(List<WitType> types) {
    List<FlatType> out = new ArrayList<>();
    for (WitType t : types) {
      out.addAll(flatten(t));
    }
    return List.copyOf(out);
  }

  /**
   * The core function type for {@code signature} in {@code direction}: parameters spill to one i32
   * when they flatten to more than {@link #MAX_FLAT_PARAMS}; results that flatten to more than
   * {@link #MAX_FLAT_RESULTS} become an i32 return pointer ({@code LIFT}) or an extra i32
   * out-pointer parameter with no results ({@code LOWER}).
   *
   * @throws dev.trellis.host.HostException if the signature cannot be used by the synchronous ABI
   *     (a borrow in the results, a future or stream anywhere)
   */
  public static CoreSignature coreSignature(
      FunctionSignature signature, CoreSignature.Direction direction) {
    return FunctionAbi.compile(signature).coreSignature(direction);
  }
}
