package dev.trellis.host.plugin.keyvalue;

import java.util.List;
import java.util.Optional;

/**
 * One bucket of a {@link KeyValueBackend}. Implementations are thread-safe; every method may throw
 * a {@link KeyValueException}, which the guest receives as an {@code error} value.
 */
public interface KeyValueBucket {

  /** The bucket's name in its backend. */
  String name();

  /** The value of {@code key}, if it is set. */
  Optional<byte[]> get(String key);

  /** Sets {@code key} to {@code value}. */
  void set(String key, byte[] value);

  /** Removes {@code key}; removing a missing key succeeds. */
  void delete(String key);

  /** Whether {@code key} is set. */
  default boolean exists(String key) {
    return get(key).isPresent();
  }

  /** Every key, sorted (so cursors over it are stable). */
  List<String> keys();

  /**
   * Atomically adds {@code delta} (unsigned) to the counter at {@code key} (a missing key counts as
   * 0; the sum saturates at 2^64-1) and returns the new value. Counters are stored as decimal text,
   * readable by any client; an 8-byte big-endian value (as other hosts write) is read too.
   */
  long increment(String key, long delta);
}
