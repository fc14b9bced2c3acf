package dev.trellis.host.engine.binary;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A decoded component: its sections in binary order. This is the immutable AST root that the
 * instantiator walks; nested components appear as {@link Definition.NestedComponent}s holding their
 * own {@code ComponentBinary}.
 */
public record ComponentBinary(List<Section> sections) {
  public ComponentBinary {
    sections = List.copyOf(sections);
  }

  /** Every definition of this component (not of nested ones), in definition order. */
  public List<Definition> definitions() {
    return sections.stream().flatMap(ComponentBinary::definitionsOf).toList();
  }

  /** The index spaces that this component's definitions build. */
  public IndexSpaces indexSpaces() {
    return IndexSpaces.of(definitions());
  }

  /** The custom sections, in order. */
  public List<Section.Custom> customSections() {
    return sections.stream()
        .filter(Section.Custom.class::isInstance)
        .map(Section.Custom.class::cast)
        .toList();
  }

  /** The decoded {@code component-name} section, if present and well-formed. */
  public Optional<ComponentNames> componentNames() {
    return customSections().stream()
        .flatMap(custom -> custom.componentNames().stream())
        .findFirst();
  }

  /** The component's imports, in order. */
  public List<Import> imports() {
    return definitions().stream().filter(Import.class::isInstance).map(Import.class::cast).toList();
  }

  /** The component's exports, in order. */
  public List<Definition.Export> exports() {
    return definitions().stream()
        .filter(Definition.Export.class::isInstance)
        .map(Definition.Export.class::cast)
        .toList();
  }

  private static Stream<Definition> definitionsOf(Section section) {
    return switch (section) {
      case Section.Custom custom -> Stream.empty();
      case Section.Definitions definitions -> definitions.definitions().stream();
    };
  }
}
