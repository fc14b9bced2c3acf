package dev.trellis.scheduler.manifest;

import java.util.List;
import java.util.Optional;

/**
 * Reads one entry of {@code spec.components}: name, type, properties (image or shared reference,
 * id, config, secrets) and traits, with wadm's rules for shared component references (no config, no
 * secrets, no scaler: the shared application owns those).
 */
final class ComponentReader {
  private static final List<String> COMPONENT_FIELDS =
      List.of("name", "type", "properties", "traits");
  private static final List<String> PROPERTY_FIELDS =
      List.of("image", "application", "id", "config", "secrets");
  private static final List<String> SHARED_FIELDS = List.of("name", "component");

  private final Diagnostics diagnostics;
  private final CrossReferences refs;
  private final RefReader refReader;
  private final TraitReader traitReader;

  ComponentReader(Diagnostics diagnostics, CrossReferences refs) {
    this.diagnostics = diagnostics;
    this.refs = refs;
    this.refReader = new RefReader(diagnostics, refs);
    this.traitReader = new TraitReader(diagnostics, refs);
  }

  /** The component at {@code node}, the {@code index}th of the spec. */
  Optional<Component> component(Node node, int index) {
    int mark = diagnostics.mark();
    Optional<MappingReader> opened =
        MappingReader.open(node, diagnostics, MappingReader.Unknown.WARN, COMPONENT_FIELDS);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    MappingReader reader = opened.orElseThrow();
    Optional<String> name = reader.requiredText("name");
    name.ifPresent(
        n ->
            refs.componentNames.add(new CrossReferences.Named(index, reader.at("name").path(), n)));
    Optional<ComponentType> type = type(reader);
    Optional<ComponentProperties> properties = properties(reader.at("properties"), index);
    List<Node> traitNodes = reader.list("traits");
    if (isSharedReference(reader.at("properties"))) {
      traitNodes.stream()
          .filter(TraitReader::isScaler)
          .forEach(
              t ->
                  diagnostics.error(
                      t.path(),
                      "a shared component reference cannot have a scaler"
                          + " (the shared application scales it)"));
    }
    List<Trait> traits = traitReader.traits(traitNodes, index);
    if (!diagnostics.cleanSince(mark)) {
      return Optional.empty();
    }
    return Optional.of(
        new Component(name.orElseThrow(), type.orElseThrow(), properties.orElseThrow(), traits));
  }

  private Optional<ComponentType> type(MappingReader reader) {
    Optional<String> text = reader.requiredText("type");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<ComponentType> type = ComponentType.fromWire(text.orElseThrow());
    if (type.isEmpty()) {
      diagnostics.error(
          reader.at("type").path(),
          "unknown component type '"
              + text.orElseThrow()
              + "' (expected component, actor or capability)");
    }
    return type;
  }

  private static boolean isSharedReference(Node properties) {
    return !properties.child("application").isAbsent() && properties.child("image").isAbsent();
  }

  private Optional<ComponentProperties> properties(Node node, int index) {
    if (node.isAbsent()) {
      diagnostics.error(node.where(), "is required");
      return Optional.empty();
    }
    int mark = diagnostics.mark();
    Optional<MappingReader> opened =
        MappingReader.open(node, diagnostics, MappingReader.Unknown.ERROR, PROPERTY_FIELDS);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    MappingReader reader = opened.orElseThrow();
    Optional<ComponentSource> source = source(reader);
    Optional<String> id = reader.optionalText("id");
    id.ifPresent(
        i -> refs.componentIds.add(new CrossReferences.Named(index, reader.at("id").path(), i)));
    List<ConfigRef> config = refReader.configs(reader.list("config"), Optional.empty());
    List<SecretRef> secrets = refReader.secrets(reader.list("secrets"));
    if (isSharedReference(node)) {
      for (String field : List.of("config", "secrets")) {
        if (reader.at(field).json().isArray() && !reader.at(field).json().isEmpty()) {
          diagnostics.error(
              reader.at(field).path(), "a shared component reference cannot add " + field);
        }
      }
    }
    if (!diagnostics.cleanSince(mark)) {
      return Optional.empty();
    }
    return Optional.of(new ComponentProperties(source.orElseThrow(), id, config, secrets));
  }

  private Optional<ComponentSource> source(MappingReader reader) {
    boolean hasImage = reader.has("image");
    boolean hasApplication = reader.has("application");
    if (hasImage && hasApplication) {
      diagnostics.error(reader.node().where(), "cannot have both 'image' and 'application'");
      return Optional.empty();
    }
    if (hasImage) {
      return reader
          .requiredText("image")
          .filter(image -> checkImage(reader.at("image"), image))
          .map(ComponentSource.Image::new);
    }
    if (hasApplication) {
      return shared(reader.at("application"));
    }
    diagnostics.error(reader.node().where(), "needs either 'image' or 'application'");
    return Optional.empty();
  }

  private boolean checkImage(Node node, String image) {
    if (ImageReferences.isValid(image)) {
      return true;
    }
    diagnostics.error(node.path(), ImageReferences.describeInvalid(image));
    return false;
  }

  private Optional<ComponentSource> shared(Node node) {
    Optional<MappingReader> opened =
        MappingReader.open(node, diagnostics, MappingReader.Unknown.WARN, SHARED_FIELDS);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    MappingReader reader = opened.orElseThrow();
    Optional<String> application = reader.requiredText("name");
    Optional<String> component = reader.requiredText("component");
    if (application.isEmpty() || component.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ComponentSource.Shared(application.orElseThrow(), component.orElseThrow()));
  }
}
