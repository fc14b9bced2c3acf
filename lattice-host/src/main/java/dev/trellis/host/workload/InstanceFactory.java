package dev.trellis.host.workload;

import dev.trellis.host.engine.ComponentDefinition;
import dev.trellis.host.engine.ComponentInstance;
import dev.trellis.host.engine.ComponentPre;
import dev.trellis.host.engine.Linker;
import dev.trellis.host.engine.spi.HostState;
import dev.trellis.host.plugin.ComponentBinding;
import dev.trellis.host.plugin.ComponentIdentity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes instances of one component of a workload: its host state prepared by every plugin bound to
 * it, its plugin interfaces linked, and its imports from sibling components linked in-process to
 * fresh sibling instances made for it (one per sibling per tree, so a sibling imported twice is one
 * instance). A component without sibling imports is linked once and only instantiated after.
 * Thread-safe.
 */
final class InstanceFactory {
  private final ComponentDefinition definition;
  private final ComponentIdentity identity;
  private final Linker linker;
  private final List<String> siblings;
  private final Map<String, InstanceFactory> factories;
  private final List<ComponentBinding> bindings;
  private final Optional<ComponentPre> pre;
  private volatile Optional<ComponentPre> template = Optional.empty();

  /**
   * @param factories the workload's factories by component name; those of {@code siblings} must be
   *     there before the first {@link #instantiate}
   */
  InstanceFactory(
      ComponentDefinition definition,
      ComponentIdentity identity,
      Linker linker,
      List<String> siblings,
      Map<String, InstanceFactory> factories,
      List<ComponentBinding> bindings) {
    this.definition = definition;
    this.identity = identity;
    this.linker = linker;
    this.siblings = List.copyOf(siblings);
    this.factories = factories;
    this.bindings = List.copyOf(bindings);
    this.pre = siblings.isEmpty() ? Optional.of(linker.prepare(definition)) : Optional.empty();
  }

  /** A new instance (with new sibling instances behind its in-process imports). */
  ComponentInstance instantiate() {
    return instantiate(new HashMap<>());
  }

  private ComponentInstance instantiate(Map<String, ComponentInstance> tree) {
    if (pre.isPresent()) {
      return pre.get().instantiate(state());
    }
    Linker linked = linker;
    for (String sibling : siblings) {
      ComponentInstance instance = tree.get(sibling);
      if (instance == null) {
        instance = factories.get(sibling).instantiate(tree);
        tree.put(sibling, instance);
      }
      linked = linked.withInstance(instance);
    }
    ComponentPre prepared = linked.prepare(definition);
    if (template.isEmpty()) {
      template = Optional.of(prepared);
    }
    return prepared.instantiate(state());
  }

  /**
   * How this component's instances are prepared: its own link, or (linked to siblings, where each
   * instance tree has its own) the link of the first tree made. Exists after the first instance.
   */
  ComponentPre template() {
    return pre.or(() -> template)
        .orElseThrow(() -> new IllegalStateException("no instance of the component yet"));
  }

  private HostState state() {
    HostState state = HostState.create().put(ComponentIdentity.class, identity);
    bindings.forEach(b -> b.initialize(state));
    return state;
  }
}
