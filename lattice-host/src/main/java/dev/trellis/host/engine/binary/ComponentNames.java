package dev.trellis.host.engine.binary;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The decoded {@code component-name} custom section: debug names for the component and for entries
 * of its index spaces, used to make errors and traces readable.
 */
public record ComponentNames(
    Optional<String> componentName, Map<Sort, Map<Integer, String>> names) {
  public ComponentNames {
    Objects.requireNonNull(componentName, "componentName");
    var copy = new EnumMap<Sort, Map<Integer, String>>(Sort.class);
    names.forEach((sort, map) -> copy.put(sort, Map.copyOf(map)));
    names = Map.copyOf(copy);
  }

  /** The debug name of entry {@code index} of the {@code sort} index space, if it has one. */
  public Optional<String> nameOf(Sort sort, int index) {
    return Optional.ofNullable(names.getOrDefault(sort, Map.of()).get(index));
  }
}
