package dev.trellis.scheduler.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a component's {@code traits}: spread and daemon scalers (with wadm's {@code replicas}
 * alias) and links (with the legacy {@code linkdef} trait type, the {@code target: "<name>"},
 * {@code source_config} and {@code target_config} forms, and Trellis' {@value Link#TRANSPORT_FIELD}
 * extension).
 */
final class TraitReader {
  private static final List<String> TRAIT_FIELDS = List.of("type", "properties");
  private static final List<String> SCALER_FIELDS = List.of("instances", "replicas", "spread");
  private static final List<String> SPREAD_FIELDS = List.of("name", "requirements", "weight");

  /** The name older wadm manifests give the link trait; read as {@code link}, with a warning. */
  static final String LEGACY_LINK_TYPE = "linkdef";

  private static final List<String> KNOWN_TYPES =
      List.of(SpreadScaler.TYPE, DaemonScaler.TYPE, Link.TYPE, LEGACY_LINK_TYPE);

  private final Diagnostics diagnostics;
  private final LinkReader links;

  TraitReader(Diagnostics diagnostics, CrossReferences refs) {
    this.diagnostics = diagnostics;
    this.links = new LinkReader(diagnostics, refs);
  }

  /** The traits in {@code nodes}, of the component at index {@code component}. */
  List<Trait> traits(List<Node> nodes, int component) {
    List<Trait> traits = new ArrayList<>();
    for (Node node : nodes) {
      trait(node, component).ifPresent(traits::add);
    }
    return traits;
  }

  /** Whether {@code node} declares a scaler trait, whatever else is wrong with it. */
  static boolean isScaler(Node node) {
    String type = node.child("type").json().asText();
    return type.equals(SpreadScaler.TYPE) || type.equals(DaemonScaler.TYPE);
  }

  private Optional<Trait> trait(Node node, int component) {
    Optional<MappingReader> opened =
        MappingReader.open(node, diagnostics, MappingReader.Unknown.ERROR, TRAIT_FIELDS);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    MappingReader reader = opened.orElseThrow();
    Optional<String> type = reader.requiredText("type");
    Node properties = reader.at("properties");
    type.filter(t -> !KNOWN_TYPES.contains(t))
        .ifPresent(t -> diagnostics.error(reader.at("type").path(), "unknown trait '" + t + "'"));
    if (type.filter(LEGACY_LINK_TYPE::equals).isPresent()) {
      diagnostics.warn(
          reader.at("type").path(), "deprecated trait type 'linkdef'; read as 'link', use 'link'");
    }
    if (properties.isAbsent()) {
      diagnostics.error(properties.where(), "is required");
      return Optional.empty();
    }
    return type.flatMap(
        t ->
            switch (t) {
              case SpreadScaler.TYPE -> scaler(properties, false);
              case DaemonScaler.TYPE -> scaler(properties, true);
              case Link.TYPE, LEGACY_LINK_TYPE ->
                  links.link(properties, component).map(Trait.class::cast);
              default -> Optional.empty();
            });
  }

  private Optional<Trait> scaler(Node node, boolean daemon) {
    int mark = diagnostics.mark();
    Optional<MappingReader> opened =
        MappingReader.open(node, diagnostics, MappingReader.Unknown.ERROR, SCALER_FIELDS);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    MappingReader reader = opened.orElseThrow();
    Optional<Integer> instances = instances(reader);
    List<Spread> spread = new ArrayList<>();
    for (Node element : reader.list("spread")) {
      spread(element, daemon).ifPresent(spread::add);
    }
    if (!diagnostics.cleanSince(mark)) {
      return Optional.empty();
    }
    int count = instances.orElseThrow();
    return Optional.of(daemon ? new DaemonScaler(count, spread) : new SpreadScaler(count, spread));
  }

  private Optional<Integer> instances(MappingReader reader) {
    boolean hasInstances = reader.has("instances");
    boolean hasReplicas = reader.has("replicas");
    if (hasInstances && hasReplicas) {
      diagnostics.error(
          reader.at("replicas").path(),
          "'replicas' is an alias of 'instances'; give only one of them");
      return Optional.empty();
    }
    if (!hasInstances && !hasReplicas) {
      diagnostics.error(reader.at("instances").path(), "is required");
      return Optional.empty();
    }
    return reader.nonNegativeInt(hasInstances ? "instances" : "replicas");
  }

  private Optional<Spread> spread(Node node, boolean daemon) {
    int mark = diagnostics.mark();
    Optional<MappingReader> opened =
        MappingReader.open(node, diagnostics, MappingReader.Unknown.ERROR, SPREAD_FIELDS);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    MappingReader reader = opened.orElseThrow();
    Optional<String> name = reader.requiredText("name");
    var requirements = reader.requiredStringMap("requirements");
    Optional<Integer> weight = reader.nonNegativeInt("weight");
    if (daemon && reader.has("weight")) {
      diagnostics.warn(reader.at("weight").path(), "ignored: a daemonscaler does not use weights");
    }
    if (!diagnostics.cleanSince(mark)) {
      return Optional.empty();
    }
    return Optional.of(
        new Spread(
            name.orElseThrow(),
            requirements.orElseThrow(),
            daemon ? Spread.DEFAULT_WEIGHT : weight.orElse(Spread.DEFAULT_WEIGHT)));
  }
}
