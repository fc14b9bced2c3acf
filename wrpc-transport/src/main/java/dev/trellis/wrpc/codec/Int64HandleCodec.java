package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import java.util.Optional;

/** {@link HandleCodec#int64()}: the handle number as 8 little-endian bytes. */
final class Int64HandleCodec implements HandleCodec {
  static final Int64HandleCodec INSTANCE = new Int64HandleCodec();

  private Int64HandleCodec() {}

  @Override
  public byte[] toWire(HandleValue handle) {
    byte[] out = new byte[Long.BYTES];
    long v = handle.handle();
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (v >>> (8 * i));
    }
    return out;
  }

  @Override
  public Optional<HandleValue> fromWire(ResourceType resource, byte[] bytes) {
    if (bytes.length != Long.BYTES) {
      return Optional.empty();
    }
    long v = 0;
    for (int i = 0; i < bytes.length; i++) {
      v |= (bytes[i] & 0xFFL) << (8 * i);
    }
    return Optional.of(new HandleValue(resource, v));
  }
}
