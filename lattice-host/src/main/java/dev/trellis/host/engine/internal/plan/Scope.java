package dev.trellis.host.engine.internal.plan;

import dev.trellis.host.engine.ComponentLoadException;
import dev.trellis.host.engine.binary.ComponentNames;
import dev.trellis.host.engine.binary.Sort;
import dev.trellis.host.engine.internal.types.TypeScope;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The planner's view of one component scope while it walks the definitions: the static items of the
 * component-level index spaces and the sizes of the core ones. Outer aliases reach the parent.
 */
public final class Scope {
  private final Optional<Scope> parent;
  private final TypeScope types;
  private final String componentName;
  private final Optional<ComponentNames> names;
  private final Map<Sort, List<StaticItem>> items = new EnumMap<>(Sort.class);
  private final int[] coreCounts = new int[Sort.values().length];

  Scope(
      Optional<Scope> parent,
      TypeScope types,
      String componentName,
      Optional<ComponentNames> names) {
    this.parent = parent;
    this.types = types;
    this.componentName = componentName;
    this.names = names;
    for (Sort sort : Sort.values()) {
      if ((!sort.isCore() && sort != Sort.TYPE) || sort == Sort.CORE_MODULE) {
        items.put(sort, new ArrayList<>());
      }
    }
  }

  /** The enclosing scope, if any. */
  public Optional<Scope> parent() {
    return parent;
  }

  /** The type index space. */
  public TypeScope types() {
    return types;
  }

  /** The component's name, for messages. */
  public String componentName() {
    return componentName;
  }

  /** The debug name of entry {@code index} of {@code sort}, if the name section gives one. */
  public Optional<String> debugName(Sort sort, int index) {
    return names.flatMap(n -> n.nameOf(sort, index));
  }

  /** Appends a static item to its sort's space; returns its index. */
  int add(StaticItem item) {
    List<StaticItem> space = items.get(item.sort());
    space.add(item);
    return space.size() - 1;
  }

  /** Item {@code index} of {@code sort}. */
  StaticItem item(Sort sort, int index) {
    List<StaticItem> space = items.get(sort);
    if (space == null || index < 0 || index >= space.size()) {
      throw new ComponentLoadException(
          "component '"
              + componentName
              + "': "
              + sort
              + " index "
              + index
              + " out of range ("
              + (space == null ? 0 : space.size())
              + " defined so far)");
    }
    return space.get(index);
  }

  /** Number of entries in {@code sort}'s space so far. */
  int size(Sort sort) {
    List<StaticItem> space = items.get(sort);
    return space != null ? space.size() : coreCounts[sort.ordinal()];
  }

  /** Appends an entry to a core space (other than modules); returns its index. */
  int addCore(Sort sort) {
    return coreCounts[sort.ordinal()]++;
  }

  /** Checks {@code index} is a defined entry of the core space {@code sort}. */
  void checkCore(Sort sort, int index) {
    if (index < 0 || index >= size(sort)) {
      throw new ComponentLoadException(
          "component '"
              + componentName
              + "': "
              + sort
              + " index "
              + index
              + " out of range ("
              + size(sort)
              + " defined so far)");
    }
  }

  /** The scope {@code count} levels out (0 is this one). */
  Scope outer(int count) {
    Scope scope = this;
    for (int i = 0; i < count; i++) {
      scope =
          scope.parent.orElseThrow(
              () ->
                  new ComponentLoadException(
                      "component '" + componentName + "': alias outer leaves the outermost scope"));
    }
    return scope;
  }
}
