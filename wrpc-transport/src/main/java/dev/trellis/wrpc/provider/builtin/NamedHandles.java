package dev.trellis.wrpc.provider.builtin;

import dev.trellis.wrpc.WrpcException;
import dev.trellis.wrpc.codec.HandleCodec;
import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A {@link HandleCodec} for resources that are fully described by a name (a key-value bucket): the
 * handle's wire bytes are the UTF-8 name itself, as upstream wrpc's {@code wasi-keyvalue-mem}
 * provider does ("resource handle returned is just the identifier itself").
 *
 * <p>Such handles are stateless on the wire: a handle a client got from one replica of a provider
 * is valid on every other replica in the same queue group and after a restart, and dropping one
 * needs no call (wRPC has no resource-drop message). The price is that a handle is forgeable: a
 * peer may send the bytes of any name that {@code isValidName} accepts, so a provider using this
 * must not treat holding a handle as an access grant beyond what {@code open} would grant.
 *
 * <p>The {@link HandleValue} numbers are local: names are interned to numbers on first sight, in a
 * table bounded by {@code capacity} that forgets the least recently used name beyond it. A number
 * whose name was forgotten no longer resolves ({@link #name} is empty), which a provider reports as
 * an error value; with the default capacity that needs thousands of distinct names in the
 * microseconds between decoding a call's params and reading them.
 */
public final class NamedHandles implements HandleCodec {
  private static final int DEFAULT_CAPACITY = 4096;

  private final int maxNameBytes;
  private final Predicate<String> isValidName;
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Long> idByName;
  private final Map<Long, String> nameById = new HashMap<>();
  private long nextId = 1;

  private NamedHandles(int maxNameBytes, Predicate<String> isValidName, int capacity) {
    if (maxNameBytes < 1 || capacity < 1) {
      throw new IllegalArgumentException("maxNameBytes and capacity must be >= 1");
    }
    this.maxNameBytes = maxNameBytes;
    this.isValidName = isValidName;
    this.capacity = capacity;
    this.idByName = new LinkedHashMap<>(16, 0.75f, true);
  }

  /**
   * Handles for names of at most {@code maxNameBytes} UTF-8 bytes that {@code isValidName} accepts;
   * anything else received as a handle is a decode error.
   */
  public static NamedHandles of(int maxNameBytes, Predicate<String> isValidName) {
    return new NamedHandles(maxNameBytes, isValidName, DEFAULT_CAPACITY);
  }

  /** As {@link #of}, remembering at most {@code capacity} names. */
  public static NamedHandles of(int maxNameBytes, Predicate<String> isValidName, int capacity) {
    return new NamedHandles(maxNameBytes, isValidName, capacity);
  }

  /**
   * The handle that stands for {@code name}, to return as an {@code own<resource>}.
   *
   * @throws IllegalArgumentException if the name is not valid for these handles
   */
  public HandleValue handle(ResourceType resource, String name) {
    if (!accepts(name)) {
      throw new IllegalArgumentException("'" + name + "' is not a valid " + resource + " name");
    }
    return new HandleValue(resource, intern(name));
  }

  /** The name a received handle stands for; empty if it was forgotten (see the class comment). */
  public Optional<String> name(HandleValue handle) {
    lock.lock();
    try {
      return Optional.ofNullable(nameById.get(handle.handle()));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public byte[] toWire(HandleValue handle) {
    return name(handle)
        .map(n -> n.getBytes(StandardCharsets.UTF_8))
        .orElseThrow(
            () ->
                new WrpcException(
                    "handle " + handle.handle() + " of " + handle.resource() + " is not known"));
  }

  @Override
  public Optional<HandleValue> fromWire(ResourceType resource, byte[] bytes) {
    if (bytes.length > maxNameBytes) {
      return Optional.empty();
    }
    return strictUtf8(bytes).filter(this::accepts).map(n -> new HandleValue(resource, intern(n)));
  }

  private boolean accepts(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length <= maxNameBytes && isValidName.test(name);
  }

  private long intern(String name) {
    lock.lock();
    try {
      Long known = idByName.get(name);
      if (known != null) {
        return known;
      }
      long id = nextId++;
      idByName.put(name, id);
      nameById.put(id, name);
      if (idByName.size() > capacity) {
        Map.Entry<String, Long> eldest = idByName.entrySet().iterator().next();
        idByName.remove(eldest.getKey());
        nameById.remove(eldest.getValue());
      }
      return id;
    } finally {
      lock.unlock();
    }
  }

  private static Optional<String> strictUtf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
