package dev.trellis.host.engine.internal.runtime;

import dev.trellis.host.engine.abi.CanonicalAbiTrap;
import dev.trellis.host.engine.abi.FunctionSignature;
import dev.trellis.host.engine.internal.types.FuncSig;
import dev.trellis.wrpc.wit.WitType;
import java.util.List;
import java.util.Optional;

/**
 * The fast path for component-to-component calls whose parameters and result are all scalars (bool,
 * integers, floats, char): the caller's flat core values are normalized exactly as lifting then
 * lowering would (low bits kept, bool made 0/1, char checked, NaN canonicalized) and passed
 * straight to the callee's core function, with no {@code WitValue} in between.
 */
public final class FlatScalars {
  private static final int CANONICAL_NAN32 = 0x7fc00000;
  private static final long CANONICAL_NAN64 = 0x7ff8000000000000L;

  private final WitType.Primitive[] params;
  private final Optional<WitType.Primitive> result;
  private final boolean paramsIdentity;
  private final boolean resultIdentity;

  private FlatScalars(WitType.Primitive[] params, Optional<WitType.Primitive> result) {
    this.params = params;
    this.result = result;
    boolean identity = true;
    for (WitType.Primitive p : params) {
      identity &= isIdentity(p);
    }
    this.paramsIdentity = identity;
    this.resultIdentity = result.map(FlatScalars::isIdentity).orElse(true);
  }

  /**
   * Whether normalizing a flat value of {@code type} is the identity: Chicory hands i32 values over
   * sign-extended, which is exactly what lifting and lowering an s32 or u32 gives, and 64-bit
   * integers pass unchanged. Narrower integers, bool, char and floats are still normalized.
   */
  private static boolean isIdentity(WitType.Primitive type) {
    return switch (type) {
      case S32, U32, S64, U64 -> true;
      case BOOL, S8, U8, S16, U16, F32, F64, CHAR, STRING -> false;
    };
  }

  /** The fast path for {@code sig}, if all its types are scalars and there are at most 16. */
  public static Optional<FlatScalars> of(FuncSig sig) {
    List<FunctionSignature.Param> ps = sig.params();
    if (ps.size() > 16) {
      return Optional.empty();
    }
    WitType.Primitive[] params = new WitType.Primitive[ps.size()];
    for (int i = 0; i < params.length; i++) {
      if (!(ps.get(i).type() instanceof WitType.Primitive p) || p == WitType.Primitive.STRING) {
        return Optional.empty();
      }
      params[i] = p;
    }
    if (sig.result().isEmpty()) {
      return Optional.of(new FlatScalars(params, Optional.empty()));
    }
    if (!(sig.result().get() instanceof WitType.Primitive r) || r == WitType.Primitive.STRING) {
      return Optional.empty();
    }
    return Optional.of(new FlatScalars(params, Optional.of(r)));
  }

  /** Normalizes the caller's arguments in place. */
  void normalizeParams(long[] args) {
    if (args.length != params.length) {
      throw new CanonicalAbiTrap(
          "expected " + params.length + " core arguments, got " + args.length);
    }
    if (paramsIdentity) {
      return;
    }
    for (int i = 0; i < params.length; i++) {
      args[i] = normalize(params[i], args[i]);
    }
  }

  /** Normalizes the callee's results in place. */
  void normalizeResults(long[] results) {
    if (!resultIdentity && results.length == 1) {
      results[0] = normalize(result.get(), results[0]);
    }
  }

  private static long normalize(WitType.Primitive type, long v) {
    return switch (type) {
      case BOOL -> (int) v != 0 ? 1 : 0;
      case S8 -> (byte) v;
      case U8 -> v & 0xFF;
      case S16 -> (short) v;
      case U16 -> v & 0xFFFF;
      case S32, U32 -> (int) v;
      case S64, U64 -> v;
      case F32 -> Float.isNaN(Float.intBitsToFloat((int) v)) ? CANONICAL_NAN32 : v & 0xFFFF_FFFFL;
      case F64 -> Double.isNaN(Double.longBitsToDouble(v)) ? CANONICAL_NAN64 : v;
      case CHAR -> checkChar((int) v);
      case STRING -> throw new IllegalStateException("strings are never flat scalars");
    };
  }

  private static long checkChar(int codePoint) {
    if (Integer.compareUnsigned(codePoint, 0x110000) >= 0
        || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
      throw new CanonicalAbiTrap(
          "char value 0x" + Integer.toHexString(codePoint) + " is not a Unicode scalar value");
    }
    return codePoint;
  }
}
