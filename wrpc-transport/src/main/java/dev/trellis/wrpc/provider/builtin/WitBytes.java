package dev.trellis.wrpc.provider.builtin;

import dev.trellis.wrpc.provider.ProviderArgumentException;
import dev.trellis.wrpc.wit.WitModelException;
import dev.trellis.wrpc.wit.WitValue;

/**
 * Moves {@code list<u8>} values to and from byte arrays through the model's byte-array form ({@link
 * WitValue.ListValue#toByteArray}, {@link WitValue.ListValue#wrapBytes}), without one value per
 * byte, including where {@link dev.trellis.wrpc.provider.Args} cannot reach (tuple elements).
 */
final class WitBytes {
  private WitBytes() {}

  /**
   * The bytes of {@code value} (a copy).
   *
   * @throws ProviderArgumentException naming {@code where} if it is not a {@code list<u8>}
   */
  static byte[] of(WitValue value, String where) {
    if (!(value instanceof WitValue.ListValue list)) {
      throw new ProviderArgumentException(where, "list<u8>", value);
    }
    try {
      return list.toByteArray();
    } catch (WitModelException e) {
      throw new ProviderArgumentException(where, "list<u8>", e.getMessage());
    }
  }

  /** A {@code list<u8>} that takes over {@code fresh}, an array nobody else holds or changes. */
  static WitValue.ListValue wrap(byte[] fresh) {
    return WitValue.ListValue.wrapBytes(fresh);
  }
}
