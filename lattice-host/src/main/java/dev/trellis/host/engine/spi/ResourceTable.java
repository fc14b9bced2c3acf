package dev.trellis.host.engine.spi;

import dev.trellis.host.HostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The host side of host-implemented resources: maps the {@code rep} numbers the guest's handles
 * stand for to Java objects (an open file, a stream, an HTTP body). One table per component
 * instance, shared by all host interfaces linked into it, reachable as {@link
 * CallContext#resources()}. Reps start at 1 and freed reps are reused, like the guest's tables.
 *
 * <p>Not thread-safe: a component instance runs one call at a time, and so do its host functions.
 * Most code uses it through {@link HostResource}, which adds the Java type check.
 */
public final class ResourceTable {
  private Object[] entries = new Object[16];
  private int next = 1;
  private int[] free = new int[8];
  private int freeCount;
  private int live;

  /** Stores {@code value} and returns its rep (at least 1). */
  public int add(Object value) {
    Objects.requireNonNull(value, "value");
    int rep;
    if (freeCount > 0) {
      rep = free[--freeCount];
    } else {
      rep = next++;
      if (rep >= entries.length) {
        entries = Arrays.copyOf(entries, entries.length * 2);
      }
    }
    entries[rep] = value;
    live++;
    return rep;
  }

  /** The object behind {@code rep}, if there is one. */
  public Optional<Object> find(int rep) {
    return rep > 0 && rep < next ? Optional.ofNullable(entries[rep]) : Optional.empty();
  }

  /**
   * The object behind {@code rep}, which must be a {@code type}.
   *
   * @throws HostException if there is none or it has another type (the guest passed a handle the
   *     host does not know; the call traps)
   */
  public <T> T get(int rep, Class<T> type) {
    Object value = find(rep).orElseThrow(() -> unknown(rep, type));
    if (!type.isInstance(value)) {
      throw new HostException(
          "resource rep "
              + Integer.toUnsignedString(rep)
              + " is a "
              + value.getClass().getSimpleName()
              + ", not a "
              + type.getSimpleName());
    }
    return type.cast(value);
  }

  /** Removes and returns the object behind {@code rep}, which must be a {@code type}. */
  public <T> T remove(int rep, Class<T> type) {
    T value = get(rep, type);
    entries[rep] = null;
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, free.length * 2);
    }
    free[freeCount++] = rep;
    live--;
    return value;
  }

  /** The number of live entries. */
  public int size() {
    return live;
  }

  private static HostException unknown(int rep, Class<?> type) {
    return new HostException(
        "unknown " + type.getSimpleName() + " resource rep " + Integer.toUnsignedString(rep));
  }
}
