package dev.trellis.host.engine.internal.runtime;

import dev.trellis.host.engine.abi.CanonicalAbiTrap;
import dev.trellis.host.engine.abi.HandleTable;

/**
 * The runtime state of one component instance (top-level or nested): its handle table and the
 * spec's reentrance flags. {@code mayEnter} is cleared while a lifted export of this instance runs
 * (the instance may not be re-entered); {@code mayLeave} is cleared while the host runs its realloc
 * or post-return (it may not call out then). Not thread-safe: one call at a time.
 */
public final class ComponentState {
  private final Root root;
  private final String name;
  private final HandleTable handles;
  private boolean mayEnter = true;
  private boolean mayLeave = true;

  public ComponentState(Root root, String name) {
    this.root = root;
    this.name = name;
    this.handles = root.newHandleTable();
  }

  public Root root() {
    return root;
  }

  /** The (nested) component's name, for messages. */
  public String name() {
    return name;
  }

  public HandleTable handles() {
    return handles;
  }

  /** Enters the instance for a call; traps if it is already on the call stack. */
  boolean tryEnter() {
    if (!mayEnter) {
      return false;
    }
    mayEnter = false;
    return true;
  }

  void exit() {
    mayEnter = true;
  }

  /** Whether the instance's core code may call out right now (not inside realloc/post-return). */
  boolean mayLeave() {
    return mayLeave;
  }

  /** The trap for calling {@code function} while the instance may not call out. */
  CanonicalAbiTrap cannotLeave(String function) {
    return new CanonicalAbiTrap(
        "component '"
            + name
            + "' called "
            + function
            + " from inside realloc or post-return, which may not call out");
  }

  /** Runs {@code body} (a realloc or post-return) with calling out forbidden. */
  long[] withoutLeaving(CoreFunc body, long[] args) {
    boolean previous = mayLeave;
    mayLeave = false;
    try {
      return body.call(args);
    } finally {
      mayLeave = previous;
    }
  }
}
