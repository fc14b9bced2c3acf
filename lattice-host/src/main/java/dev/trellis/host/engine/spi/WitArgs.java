package dev.trellis.host.engine.spi;

import dev.trellis.host.HostException;
import dev.trellis.wrpc.wit.WitModelException;
import dev.trellis.wrpc.wit.WitValue;

/**
 * Small conversions between {@link WitValue}s and Java values for host function bodies, so a WASI
 * implementation reads {@code WitArgs.u64(args.get(1))} instead of casting records. Every method
 * throws a {@link HostException} (which traps the caller) when the value has another type.
 */
public final class WitArgs {
  private WitArgs() {}

  /** A {@code bool}. */
  public static boolean bool(WitValue v) {
    return as(v, WitValue.BoolValue.class).value();
  }

  /** An {@code s32}. */
  public static int s32(WitValue v) {
    return as(v, WitValue.S32Value.class).value();
  }

  /** A {@code u32} (0..2^32-1). */
  public static long u32(WitValue v) {
    return as(v, WitValue.U32Value.class).value();
  }

  /** An {@code s64}. */
  public static long s64(WitValue v) {
    return as(v, WitValue.S64Value.class).value();
  }

  /** A {@code u64}, as its 64 bits (read as unsigned). */
  public static long u64(WitValue v) {
    return as(v, WitValue.U64Value.class).value();
  }

  /** A {@code string}. */
  public static String string(WitValue v) {
    return as(v, WitValue.StringValue.class).value();
  }

  /** A {@code list<u8>} as bytes (a copy; one array copy for a byte-backed list). */
  public static byte[] bytes(WitValue v) {
    WitValue.ListValue list = as(v, WitValue.ListValue.class);
    try {
      return list.toByteArray();
    } catch (WitModelException e) {
      throw new HostException("expected a list<u8> argument: " + e.getMessage(), e);
    }
  }

  /** Bytes as a {@code list<u8>} value (a copy of the range). */
  public static WitValue.ListValue bytesValue(byte[] bytes, int offset, int length) {
    return WitValue.ListValue.ofBytes(bytes, offset, length);
  }

  /** Bytes as a {@code list<u8>} value (a copy). */
  public static WitValue.ListValue bytesValue(byte[] bytes) {
    return WitValue.ListValue.ofBytes(bytes);
  }

  private static <T extends WitValue> T as(WitValue v, Class<T> type) {
    if (type.isInstance(v)) {
      return type.cast(v);
    }
    throw new HostException("expected a " + type.getSimpleName() + " argument but got " + v);
  }
}
