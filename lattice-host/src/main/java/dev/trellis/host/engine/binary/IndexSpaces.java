package dev.trellis.host.engine.binary;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The index spaces of one component scope (core func/table/memory/global/tag/type/module/instance
 * and func/value/type/component/instance), each listing the definitions that created its entries in
 * order. Entry {@code i} of a space is the {@code i}-th definition that extends it, which is how
 * every index in the binary is resolved. Nested components have their own.
 */
public final class IndexSpaces {
  private final Map<Sort, List<Definition>> spaces;

  private IndexSpaces(Map<Sort, List<Definition>> spaces) {
    this.spaces = spaces;
  }

  /** Builds the index spaces from a scope's definitions, in order. */
  public static IndexSpaces of(List<Definition> definitions) {
    var building = new EnumMap<Sort, List<Definition>>(Sort.class);
    for (Sort sort : Sort.values()) {
      building.put(sort, new ArrayList<>());
    }
    for (Definition definition : definitions) {
      building.get(definition.space()).add(definition);
    }
    var frozen = new EnumMap<Sort, List<Definition>>(Sort.class);
    building.forEach((sort, list) -> frozen.put(sort, List.copyOf(list)));
    return new IndexSpaces(frozen);
  }

  /** All entries of the {@code sort} index space, in index order. */
  public List<Definition> space(Sort sort) {
    return spaces.get(sort);
  }

  /** The number of entries in the {@code sort} index space. */
  public int size(Sort sort) {
    return spaces.get(sort).size();
  }

  /** The definition behind entry {@code index} of the {@code sort} space, if the index is valid. */
  public Optional<Definition> get(Sort sort, int index) {
    List<Definition> space = spaces.get(sort);
    return index >= 0 && index < space.size() ? Optional.of(space.get(index)) : Optional.empty();
  }

  @Override
  public String toString() {
    var sizes = new StringBuilder("IndexSpaces[");
    spaces.forEach(
        (sort, list) -> {
          if (!list.isEmpty()) {
            sizes.append(sort.label()).append('=').append(list.size()).append(' ');
          }
        });
    return sizes.toString().strip() + "]";
  }
}
