package dev.trellis.host.engine.internal.runtime;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.trellis.host.HostException;
import dev.trellis.host.engine.ComponentTrapException;
import dev.trellis.host.engine.ComponentTrapException.Kind;
import dev.trellis.host.engine.InstanceLimits;
import dev.trellis.host.engine.abi.HandleTable;
import dev.trellis.host.engine.abi.ResourceRegistry;
import dev.trellis.host.engine.spi.HostState;
import dev.trellis.host.engine.spi.ResourceTable;
import dev.trellis.wrpc.wit.ResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state shared by one top-level component instance and everything nested in it: its name,
 * limits, host state and host resource table, the registry of resource types and destructors, and
 * whether a trap has poisoned it. Every nested component instance has its own {@link
 * ComponentState} pointing here.
 */
public final class Root {
  private static final Logger LOG = LoggerFactory.getLogger(Root.class);

  private final String componentName;
  private final InstanceLimits limits;
  private final HostState hostState;
  private final ResourceTable hostResources = new ResourceTable();
  private final ResourceRegistry registry = new ResourceRegistry();
  private final Map<ResourceType, ResourceRegistry.Destructor> destructors = new HashMap<>();
  private final Function<MemoryLimits, Memory> memoryFactory;
  private final MemoryRecycler recycler;
  private final List<Memory> memories = new ArrayList<>(2);
  private volatile String poisonReason;

  public Root(
      String componentName, InstanceLimits limits, HostState hostState, MemoryRecycler recycler) {
    this.componentName = componentName;
    this.limits = limits;
    this.hostState = hostState;
    this.recycler = recycler;
    // Chicory's memories cannot exceed RUNTIME_MAX_PAGES (a Java array holds at most 2 GiB).
    int cap = Math.min(limits.maxMemoryPages(), Memory.RUNTIME_MAX_PAGES);
    this.memoryFactory = declared -> cappedMemory(declared, cap);
  }

  private Memory cappedMemory(MemoryLimits declared, int cap) {
    if (declared.initialPages() > cap) {
      throw new HostException(
          "memory needs "
              + declared.initialPages()
              + " pages initially but the instance is capped at "
              + cap
              + " pages");
    }
    int max = Math.min(declared.maximumPages(), cap);
    Memory memory = recycler.take(new MemoryLimits(declared.initialPages(), max));
    memories.add(memory);
    return memory;
  }

  /**
   * Ends this instance tree: every later call fails as poisoned, and the linear memories it defined
   * go back to the recycler for later instances. The caller guarantees no guest code of this tree
   * runs now or later.
   */
  public void release() {
    if (poisonReason == null) {
      poisonReason = "the instance was released after its last use";
    }
    recycler.giveBack(memories);
    memories.clear();
  }

  public String componentName() {
    return componentName;
  }

  public InstanceLimits limits() {
    return limits;
  }

  public HostState hostState() {
    return hostState;
  }

  public ResourceTable hostResources() {
    return hostResources;
  }

  /** Builds each memory with the instance's cap applied (Chicory pitfall 2). */
  public Function<MemoryLimits, Memory> memoryFactory() {
    return memoryFactory;
  }

  /** A new handle table for a (nested) component instance of this tree. */
  public HandleTable newHandleTable() {
    return new HandleTable(registry);
  }

  /** Records a resource type defined by a guest instance of this tree. */
  public void defineGuestResource(
      ResourceType type, HandleTable implementer, Optional<ResourceRegistry.Destructor> dtor) {
    registry.defineGuest(type, implementer, dtor);
    dtor.ifPresent(d -> destructors.put(type, d));
  }

  /** Records an imported resource type implemented outside this tree (host or other instance). */
  public void defineExternalResource(
      ResourceType type, Optional<ResourceRegistry.Destructor> dtor) {
    registry.defineHost(type, dtor);
    dtor.ifPresent(d -> destructors.put(type, d));
  }

  /** The destructor of {@code type}, if it has one. */
  public Optional<ResourceRegistry.Destructor> destructor(ResourceType type) {
    return Optional.ofNullable(destructors.get(type));
  }

  /** Whether a trap has poisoned this instance. */
  public Optional<String> poisonReason() {
    return Optional.ofNullable(poisonReason);
  }

  /** Whether a trap has poisoned this instance (the cheap check for hot paths). */
  public boolean isPoisoned() {
    return poisonReason != null;
  }

  /** Fails fast if the instance is poisoned. */
  public void checkUsable(String function) {
    String reason = poisonReason;
    if (reason != null) {
      throw new ComponentTrapException(Kind.POISONED, componentName, function, reason, null);
    }
  }

  /** Marks the instance poisoned by {@code trap} (the first reason wins). */
  public void poison(ComponentTrapException trap) {
    if (poisonReason == null && trap.kind() != Kind.POISONED) {
      poisonReason = trap.getMessage();
      // A host function's failure (including a deliberate wasi:cli/exit) is its owner's to log.
      if (trap.kind() == Kind.HOST_FUNCTION) {
        LOG.debug(
            "component instance poisoned component={} function={} kind={} reason={}",
            componentName,
            trap.function(),
            trap.kind(),
            trap.getMessage());
      } else {
        LOG.warn(
            "component instance poisoned component={} function={} kind={} reason={}",
            componentName,
            trap.function(),
            trap.kind(),
            trap.getMessage());
      }
    }
  }

  /**
   * Converts a failure escaping the guest while running {@code function} into a trap exception and
   * poisons the instance. A trap from a deeper instance is passed through unchanged.
   */
  public ComponentTrapException trap(String function, Throwable failure) {
    ComponentTrapException trap =
        failure instanceof ComponentTrapException t ? t : classify(function, failure);
    poison(trap);
    return trap;
  }

  private ComponentTrapException classify(String function, Throwable failure) {
    if (failure instanceof ChicoryInterruptedException || Deadline.firedOnThisThread()) {
      String detail =
          Deadline.firedOnThisThread()
              ? "execution deadline of " + Deadline.describe(limits.callDeadline()) + " exceeded"
              : "interrupted";
      return new ComponentTrapException(Kind.DEADLINE, componentName, function, detail, failure);
    }
    if (failure instanceof StackOverflowError) {
      return new ComponentTrapException(
          Kind.TRAP, componentName, function, "call stack exhausted", failure);
    }
    String message = failure.getMessage() != null ? failure.getMessage() : failure.toString();
    return new ComponentTrapException(Kind.TRAP, componentName, function, message, failure);
  }
}
