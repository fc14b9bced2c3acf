package dev.trellis.host.engine;

import dev.trellis.host.engine.ComponentTrapException.Kind;
import dev.trellis.host.engine.internal.plan.ScopePlan;
import dev.trellis.host.engine.internal.runtime.ComponentState;
import dev.trellis.host.engine.internal.runtime.Deadline;
import dev.trellis.host.engine.internal.runtime.InstanceValue;
import dev.trellis.host.engine.internal.runtime.MemoryRecycler;
import dev.trellis.host.engine.internal.runtime.Root;
import dev.trellis.host.engine.spi.HostState;
import java.util.List;
import java.util.Optional;

/**
 * A component whose imports have all been resolved by a {@link Linker}: instantiating it only runs
 * the precomputed plan (core instantiations, wiring), with no name lookups or type checks left.
 * Thread-safe; use one per component and workload to create fresh instances cheaply.
 */
public final class ComponentPre {
  private final ComponentDefinition definition;
  private final List<Binding> bindings;
  private final InstanceLimits limits;
  private final MemoryRecycler memories = new MemoryRecycler();

  ComponentPre(ComponentDefinition definition, List<Binding> bindings, InstanceLimits limits) {
    this.definition = definition;
    this.bindings = List.copyOf(bindings);
    this.limits = limits;
  }

  /** The component this instantiates. */
  public ComponentDefinition definition() {
    return definition;
  }

  /** A new instance with empty host state. */
  public ComponentInstance instantiate() {
    return instantiate(HostState.create());
  }

  /**
   * A new instance whose host functions see {@code state}.
   *
   * @throws ComponentTrapException if a core start function traps, the deadline passes, or a memory
   *     is larger than the cap
   */
  public ComponentInstance instantiate(HostState state) {
    Root root = new Root(definition.name(), limits, state, memories);
    ScopePlan plan = definition.plan();
    List<ScopePlan.ImportSlot> slots = plan.imports();
    Object[] values = new Object[slots.size()];
    Optional<Deadline> deadline = Deadline.arm(limits.callDeadline());
    try {
      for (int i = 0; i < values.length; i++) {
        values[i] = bindings.get(i).value(slots.get(i), root);
      }
      InstanceValue exports = plan.run(new ComponentState(root, definition.name()), values);
      return new ComponentInstance(definition, root, exports);
    } catch (ComponentTrapException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      ComponentTrapException trap = root.trap("(instantiation)", e);
      if (trap.kind() == Kind.DEADLINE) {
        throw trap;
      }
      throw new ComponentTrapException(
          Kind.TRAP,
          definition.name(),
          "(instantiation)",
          "instantiation failed: " + (e.getMessage() != null ? e.getMessage() : e.toString()),
          e);
    } finally {
      if (deadline.isPresent()) {
        deadline.get().close();
      }
    }
  }
}
