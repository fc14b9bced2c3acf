package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import java.util.Optional;

/**
 * Maps resource handles to and from the opaque byte strings wRPC sends for {@code own} and {@code
 * borrow} values. The model's {@link HandleValue} holds a local number; what a peer sees is
 * application-defined (wrpc's wasmtime runtime sends 16-byte UUIDs), so the mapping is pluggable.
 */
public interface HandleCodec {

  /** The bytes that stand for {@code handle} on the wire. */
  byte[] toWire(HandleValue handle);

  /**
   * The local handle for {@code bytes} received as a value of {@code resource}, or empty if the
   * bytes do not name a handle this codec accepts (a decode error).
   */
  Optional<HandleValue> fromWire(ResourceType resource, byte[] bytes);

  /**
   * The handle number itself as 8 little-endian bytes: for peers that are both Trellis hosts and
   * for tests. It accepts exactly 8 bytes.
   */
  static HandleCodec int64() {
    return Int64HandleCodec.INSTANCE;
  }
}
