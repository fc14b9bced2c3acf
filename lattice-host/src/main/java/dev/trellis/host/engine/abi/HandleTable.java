package dev.trellis.host.engine.abi;

import dev.trellis.wrpc.wit.ResourceType;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The handle table of one component instance: the spec's single per-instance table shared by all
 * resource types. Index 0 is never used; new entries reuse the most recently freed index first
 * (LIFO) and otherwise append, so handle numbers match the spec tests exactly. Each entry remembers
 * its resource type, rep, whether it is an own or a borrow (and for a borrow, the call it belongs
 * to) and how many borrows it currently lends out.
 *
 * <p>The {@code resource*} methods implement {@code canon resource.new/rep/drop}; the {@code
 * lift*}/{@code lower*} methods are what lifting and lowering {@code own}/{@code borrow} values do.
 * Handles and reps are u32 values carried in Java ints. Not thread-safe: the instantiator runs one
 * call at a time per component instance.
 */
public final class HandleTable {
  /** Largest index the spec allows. */
  static final int MAX_LENGTH = (1 << 28) - 1;

  private final ResourceRegistry registry;
  private Entry[] entries = new Entry[8];
  private int length = 1;
  private int[] free = new int[8];
  private int freeCount;

  /** A snapshot of one table entry, for diagnostics and tests. */
  public record HandleInfo(ResourceType type, int rep, boolean own, int lends) {}

  /** One live entry; {@code scope} is set for borrows only. */
  static final class Entry {
    final ResourceType type;
    final int rep;
    final boolean own;
    final CallScope scope;
    int lends;

    Entry(ResourceType type, int rep, boolean own, CallScope scope) {
      this.type = type;
      this.rep = rep;
      this.own = own;
      this.scope = scope;
    }
  }

  /**
   * An empty table whose destructors and resource implementers are looked up in {@code registry}.
   */
  public HandleTable(ResourceRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The registry this table consults. */
  public ResourceRegistry registry() {
    return registry;
  }

  /** {@code canon resource.new}: a new own handle for {@code rep}. */
  public int resourceNew(ResourceType type, int rep) {
    return add(new Entry(type, rep, true, null));
  }

  /** {@code canon resource.rep}: the rep behind {@code handle}, which must be of {@code type}. */
  public int resourceRep(ResourceType type, int handle) {
    Entry e = get(handle);
    checkType(e, type, handle);
    return e.rep;
  }

  /**
   * {@code canon resource.drop}: removes {@code handle}; for an own handle runs the type's
   * destructor (if any) with the rep, for a borrow ends the borrow in its call.
   */
  public void resourceDrop(ResourceType type, int handle) {
    Entry e = get(handle);
    checkType(e, type, handle);
    checkNotLending(e, handle);
    remove(handle);
    if (e.own) {
      Optional<ResourceRegistry.Destructor> destructor = registry.destructor(type);
      if (destructor.isPresent()) {
        destructor.get().destroy(e.rep);
      }
    } else {
      e.scope.borrowDropped();
    }
  }

  /** Lowering an {@code own<type>} into this instance: a new own handle for {@code rep}. */
  public int lowerOwn(ResourceType type, int rep) {
    return resourceNew(type, rep);
  }

  /**
   * Lowering a {@code borrow<type>} into this instance for the call {@code scope}: the bare rep if
   * this instance defines {@code type}, otherwise a borrow handle that must be dropped before the
   * call returns.
   */
  public int lowerBorrow(ResourceType type, int rep, CallScope scope) {
    if (registry.isImplementedBy(type, this)) {
      return rep;
    }
    int handle = add(new Entry(type, rep, false, Objects.requireNonNull(scope, "scope")));
    scope.borrowCreated();
    return handle;
  }

  /**
   * Lifting an {@code own<type>} out of this instance: removes the handle and returns its rep.
   * Traps for an unknown handle, a wrong type, a borrow, or an own that is lending borrows.
   */
  public int liftOwn(ResourceType type, int handle) {
    Entry e = get(handle);
    checkType(e, type, handle);
    if (!e.own) {
      throw new CanonicalAbiTrap(
          "handle index "
              + Integer.toUnsignedString(handle)
              + " is a borrow of "
              + type.name()
              + " where an own is required");
    }
    checkNotLending(e, handle);
    remove(handle);
    return e.rep;
  }

  /**
   * Lifting a {@code borrow<type>} out of this instance for the call {@code scope}: the handle (own
   * or borrow) stays, lends once more until the scope releases it, and its rep is returned.
   */
  public int liftBorrow(ResourceType type, int handle, CallScope scope) {
    Entry e = get(handle);
    checkType(e, type, handle);
    scope.addLender(e);
    return e.rep;
  }

  /** The entry at {@code handle}, if there is one. */
  public Optional<HandleInfo> lookup(int handle) {
    if (!isLive(handle)) {
      return Optional.empty();
    }
    Entry e = entries[handle];
    return Optional.of(new HandleInfo(e.type, e.rep, e.own, e.lends));
  }

  /** The number of live handles. */
  public int size() {
    return length - 1 - freeCount;
  }

  private boolean isLive(int handle) {
    return handle > 0 && handle < length && entries[handle] != null;
  }

  private Entry get(int handle) {
    if (!isLive(handle)) {
      throw new CanonicalAbiTrap("unknown handle index " + Integer.toUnsignedString(handle));
    }
    return entries[handle];
  }

  private static void checkType(Entry e, ResourceType type, int handle) {
    if (e.type != type) {
      throw new CanonicalAbiTrap(
          "handle index "
              + Integer.toUnsignedString(handle)
              + " used with the wrong type, expected "
              + type.name()
              + " but found "
              + e.type.name());
    }
  }

  private static void checkNotLending(Entry e, int handle) {
    if (e.lends != 0) {
      throw new CanonicalAbiTrap(
          "cannot remove handle index "
              + Integer.toUnsignedString(handle)
              + " ("
              + (e.own ? "own" : "borrow")
              + " of "
              + e.type.name()
              + ") while it lends "
              + e.lends
              + (e.lends == 1 ? " borrow" : " borrows"));
    }
  }

  private int add(Entry e) {
    int index;
    if (freeCount > 0) {
      index = free[--freeCount];
    } else {
      if (length > MAX_LENGTH) {
        throw new CanonicalAbiTrap("handle table is full (" + MAX_LENGTH + " entries)");
      }
      index = length++;
      if (index == entries.length) {
        entries = Arrays.copyOf(entries, entries.length * 2);
      }
    }
    entries[index] = e;
    return index;
  }

  private void remove(int handle) {
    entries[handle] = null;
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, free.length * 2);
    }
    free[freeCount++] = handle;
  }
}
