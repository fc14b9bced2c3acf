package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.WrpcException;
import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A {@link HandleCodec} for talking to other wRPC implementations: remote handle byte strings get
 * local numbers on first sight, and local handles get fresh byte strings (by default random 16-byte
 * ids, like the UUIDs wrpc's wasmtime runtime uses) the first time they are sent. Safe for
 * concurrent use; entries live until {@link #forget} is called.
 */
public final class HandleTable implements HandleCodec {
  private final ConcurrentHashMap<Long, ByteBuffer> wireById = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ByteBuffer, Long> idByWire = new ConcurrentHashMap<>();
  private final AtomicLong nextId;
  private final Supplier<byte[]> mint;

  /**
   * @param firstId the local number given to the first remote handle seen
   * @param mint makes the wire bytes for a local handle sent for the first time; must not repeat
   */
  public HandleTable(long firstId, Supplier<byte[]> mint) {
    this.nextId = new AtomicLong(firstId);
    this.mint = mint;
  }

  /** A table numbering remote handles from 1 and minting random 16-byte ids for local ones. */
  public static HandleTable withRandomIds() {
    SecureRandom random = new SecureRandom();
    return new HandleTable(
        1,
        () -> {
          byte[] id = new byte[16];
          random.nextBytes(id);
          return id;
        });
  }

  @Override
  public byte[] toWire(HandleValue handle) {
    ByteBuffer wire =
        wireById.computeIfAbsent(
            handle.handle(),
            id -> {
              ByteBuffer minted = ByteBuffer.wrap(mint.get().clone());
              if (idByWire.putIfAbsent(minted, id) != null) {
                throw new WrpcException("minted handle bytes collide for handle " + id);
              }
              return minted;
            });
    return copy(wire);
  }

  @Override
  public Optional<HandleValue> fromWire(ResourceType resource, byte[] bytes) {
    ByteBuffer key = ByteBuffer.wrap(bytes.clone());
    long id =
        idByWire.computeIfAbsent(
            key,
            k -> {
              long fresh = nextId.getAndIncrement();
              wireById.put(fresh, k);
              return fresh;
            });
    return Optional.of(new HandleValue(resource, id));
  }

  /** The wire bytes of a local handle number, if it has any. */
  public Optional<byte[]> wireBytes(long handle) {
    return Optional.ofNullable(wireById.get(handle)).map(HandleTable::copy);
  }

  /** Drops the mapping for a handle that was dropped or whose ownership moved away. */
  public void forget(long handle) {
    ByteBuffer wire = wireById.remove(handle);
    if (wire != null) {
      idByWire.remove(wire, handle);
    }
  }

  private static byte[] copy(ByteBuffer wire) {
    byte[] out = new byte[wire.remaining()];
    wire.duplicate().get(out);
    return out;
  }
}
