package dev.trellis.scheduler.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a parsed document into an {@link Application}: the top level, metadata, spec and policies
 * here, components in {@link ComponentReader}; then the cross-component rules. Every problem is
 * recorded; the application is built only when there are none.
 */
final class ManifestReader {
  private static final List<String> TOP_FIELDS = List.of("apiVersion", "kind", "metadata", "spec");
  private static final List<String> METADATA_FIELDS = List.of("name", "annotations", "labels");
  private static final List<String> SPEC_FIELDS = List.of("components", "policies");
  private static final List<String> POLICY_FIELDS = List.of("name", "type", "properties");

  /** Metadata as read, before a missing version is generated. */
  private record MetadataDraft(
      String name, Map<String, String> annotations, Map<String, String> labels) {}

  private final Diagnostics diagnostics;
  private final Supplier<String> versions;
  private final CrossReferences refs = new CrossReferences();

  ManifestReader(Diagnostics diagnostics, Supplier<String> versions) {
    this.diagnostics = diagnostics;
    this.versions = versions;
  }

  /** The application at {@code root}, or empty when any error was recorded. */
  Optional<Application> application(Node root) {
    int mark = diagnostics.mark();
    Optional<MappingReader> opened =
        MappingReader.open(root, diagnostics, MappingReader.Unknown.ERROR, TOP_FIELDS);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    MappingReader reader = opened.orElseThrow();
    Optional<String> apiVersion = reader.requiredText("apiVersion");
    apiVersion
        .filter(v -> !v.equals(Application.API_VERSION))
        .ifPresent(
            v ->
                diagnostics.warn(
                    reader.at("apiVersion").path(),
                    "'" + v + "' is not '" + Application.API_VERSION + "'; read as that"));
    Optional<String> kind = reader.requiredText("kind");
    kind.filter(k -> !k.equals(Application.KIND))
        .ifPresent(
            k ->
                diagnostics.error(
                    reader.at("kind").path(),
                    "must be '" + Application.KIND + "', not '" + k + "'"));
    Optional<MetadataDraft> metadata = required(reader.at("metadata")).flatMap(this::metadata);
    Optional<Spec> spec = required(reader.at("spec")).flatMap(this::spec);
    diagnostics.addErrors(CrossChecks.run(refs, metadata.map(MetadataDraft::name)));
    if (!diagnostics.cleanSince(mark)) {
      return Optional.empty();
    }
    return build(apiVersion.orElseThrow(), metadata.orElseThrow(), spec.orElseThrow());
  }

  private Optional<Application> build(String apiVersion, MetadataDraft draft, Spec spec) {
    Map<String, String> annotations = new LinkedHashMap<>(draft.annotations());
    annotations.computeIfAbsent(Metadata.VERSION, key -> versions.get());
    try {
      Metadata metadata = new Metadata(draft.name(), annotations, draft.labels());
      return Optional.of(new Application(apiVersion, Application.KIND, metadata, spec));
    } catch (ManifestException e) {
      diagnostics.addErrors(e.errors());
    } catch (IllegalArgumentException e) {
      // A rule the readers missed; reported rather than thrown so bad input never crashes a caller.
      diagnostics.error(Diagnostic.DOCUMENT, e.getMessage());
    }
    return Optional.empty();
  }

  private Optional<Node> required(Node node) {
    if (node.isAbsent()) {
      diagnostics.error(node.where(), "is required");
      return Optional.empty();
    }
    return Optional.of(node);
  }

  private Optional<MetadataDraft> metadata(Node node) {
    int mark = diagnostics.mark();
    Optional<MappingReader> opened =
        MappingReader.open(node, diagnostics, MappingReader.Unknown.WARN, METADATA_FIELDS);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    MappingReader reader = opened.orElseThrow();
    Optional<String> name = reader.requiredText("name").filter(n -> checkName(reader, n));
    Map<String, String> annotations = reader.optionalStringMap("annotations").orElse(Map.of());
    Map<String, String> labels = reader.optionalStringMap("labels").orElse(Map.of());
    checkKeys(reader.at("annotations"), annotations, "annotation");
    checkKeys(reader.at("labels"), labels, "label");
    checkAnnotations(reader.at("annotations"), annotations);
    if (!diagnostics.cleanSince(mark)) {
      return Optional.empty();
    }
    return Optional.of(new MetadataDraft(name.orElseThrow(), annotations, labels));
  }

  private boolean checkName(MappingReader reader, String name) {
    if (OamNames.isValidAppName(name)) {
      return true;
    }
    diagnostics.error(
        reader.at("name").path(),
        "'" + name + "' is not a valid application name (" + OamNames.APP_NAME_RULE + ")");
    return false;
  }

  private void checkKeys(Node node, Map<String, String> map, String what) {
    for (String key : map.keySet()) {
      if (!OamNames.isValidLabelKey(key)) {
        diagnostics.error(
            node.child(key).path(),
            "'" + key + "' is not a valid " + what + " key (" + OamNames.LABEL_KEY_RULE + ")");
      }
    }
  }

  private void checkAnnotations(Node node, Map<String, String> annotations) {
    Optional.ofNullable(annotations.get(Metadata.VERSION))
        .flatMap(OamNames::versionProblem)
        .ifPresent(problem -> diagnostics.error(node.child(Metadata.VERSION).path(), problem));
    String shared = annotations.get(Metadata.SHARED);
    if (shared != null && !shared.equals("true") && !shared.equals("false")) {
      diagnostics.warn(
          node.child(Metadata.SHARED).path(),
          "'" + shared + "' is neither 'true' nor 'false'; the application is not shared");
    }
  }

  private Optional<Spec> spec(Node node) {
    int mark = diagnostics.mark();
    Optional<MappingReader> opened =
        MappingReader.open(node, diagnostics, MappingReader.Unknown.WARN, SPEC_FIELDS);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    MappingReader reader = opened.orElseThrow();
    if (!reader.has("components")) {
      diagnostics.error(reader.at("components").path(), "is required");
    }
    List<Node> componentNodes = reader.list("components");
    ComponentReader components = new ComponentReader(diagnostics, refs);
    List<Component> built = new ArrayList<>();
    for (int i = 0; i < componentNodes.size(); i++) {
      components.component(componentNodes.get(i), i).ifPresent(built::add);
    }
    List<Policy> policies = new ArrayList<>();
    for (Node policyNode : reader.list("policies")) {
      policy(policyNode).ifPresent(policies::add);
    }
    if (!diagnostics.cleanSince(mark)) {
      return Optional.empty();
    }
    return Optional.of(new Spec(built, policies));
  }

  private Optional<Policy> policy(Node node) {
    int mark = diagnostics.mark();
    Optional<MappingReader> opened =
        MappingReader.open(node, diagnostics, MappingReader.Unknown.WARN, POLICY_FIELDS);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    MappingReader reader = opened.orElseThrow();
    Optional<String> name = reader.requiredText("name");
    Optional<String> type = reader.requiredText("type");
    Optional<Map<String, String>> properties = reader.requiredStringMap("properties");
    if (name.isPresent() && type.isPresent()) {
      boolean backend = properties.map(p -> p.containsKey(Policy.BACKEND_PROPERTY)).orElse(false);
      refs.policies.add(
          new CrossReferences.PolicyDef(
              reader.at("name").path(), name.orElseThrow(), type.orElseThrow(), backend));
    }
    if (!diagnostics.cleanSince(mark)) {
      return Optional.empty();
    }
    return Optional.of(
        new Policy(name.orElseThrow(), type.orElseThrow(), properties.orElseThrow()));
  }
}
