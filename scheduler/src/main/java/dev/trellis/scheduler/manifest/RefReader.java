package dev.trellis.scheduler.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code config} and {@code secrets} lists that components, capabilities and both ends of
 * a link share, and records what the cross-component rules need (owned link configs, the policy
 * each secret names). A config without {@code properties} names a stored config, so its name must
 * be a valid key of the config bucket.
 */
final class RefReader {
  private static final List<String> CONFIG_FIELDS = List.of("name", "properties");
  private static final List<String> SECRET_FIELDS = List.of("name", "properties");
  private static final List<String> SECRET_SOURCE_FIELDS =
      List.of("policy", "key", "field", "version");

  private final Diagnostics diagnostics;
  private final CrossReferences refs;

  RefReader(Diagnostics diagnostics, CrossReferences refs) {
    this.diagnostics = diagnostics;
    this.refs = refs;
  }

  /**
   * The configs in {@code nodes}; owned ones are recorded as link configs when {@code
   * linkComponent} (the index of the component carrying the link) is given.
   */
  List<ConfigRef> configs(List<Node> nodes, Optional<Integer> linkComponent) {
    List<ConfigRef> configs = new ArrayList<>();
    for (Node node : nodes) {
      config(node, linkComponent).ifPresent(configs::add);
    }
    return configs;
  }

  private Optional<ConfigRef> config(Node node, Optional<Integer> linkComponent) {
    int mark = diagnostics.mark();
    Optional<MappingReader> opened =
        MappingReader.open(node, diagnostics, MappingReader.Unknown.ERROR, CONFIG_FIELDS);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    MappingReader reader = opened.orElseThrow();
    Optional<String> name = reader.requiredText("name");
    var properties = reader.optionalStringMap("properties");
    if (name.isPresent() && reader.has("properties")) {
      linkComponent.ifPresent(
          component ->
              refs.linkConfigs.add(
                  new CrossReferences.Named(
                      component, reader.at("name").path(), name.orElseThrow())));
    }
    if (name.isPresent() && !reader.has("properties")) {
      ConfigRef.storedNameProblem(name.orElseThrow())
          .ifPresent(problem -> diagnostics.error(reader.at("name").path(), problem));
    }
    if (!diagnostics.cleanSince(mark)) {
      return Optional.empty();
    }
    return Optional.of(new ConfigRef(name.orElseThrow(), properties));
  }

  /** The secrets in {@code nodes}. */
  List<SecretRef> secrets(List<Node> nodes) {
    List<SecretRef> secrets = new ArrayList<>();
    for (Node node : nodes) {
      secret(node).ifPresent(secrets::add);
    }
    return secrets;
  }

  private Optional<SecretRef> secret(Node node) {
    int mark = diagnostics.mark();
    Optional<MappingReader> opened =
        MappingReader.open(node, diagnostics, MappingReader.Unknown.WARN, SECRET_FIELDS);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    MappingReader reader = opened.orElseThrow();
    Optional<String> name = reader.requiredText("name");
    Node source = reader.at("properties");
    if (source.isAbsent()) {
      diagnostics.error(source.where(), "is required");
      return Optional.empty();
    }
    Optional<MappingReader> sourceReader =
        MappingReader.open(source, diagnostics, MappingReader.Unknown.WARN, SECRET_SOURCE_FIELDS);
    if (sourceReader.isEmpty()) {
      return Optional.empty();
    }
    MappingReader props = sourceReader.orElseThrow();
    Optional<String> policy = props.requiredText("policy");
    Optional<String> key = props.requiredText("key");
    Optional<String> field = props.optionalText("field");
    Optional<String> version = props.optionalText("version");
    if (name.isPresent() && policy.isPresent()) {
      refs.secrets.add(
          new CrossReferences.SecretUse(
              props.at("policy").path(), name.orElseThrow(), policy.orElseThrow()));
    }
    if (!diagnostics.cleanSince(mark)) {
      return Optional.empty();
    }
    diagnostics.warn(
        node.path(),
        "secret '"
            + name.orElseThrow()
            + "' is not passed to hosts: Trellis does not resolve secrets yet");
    return Optional.of(
        new SecretRef(name.orElseThrow(), policy.orElseThrow(), key.orElseThrow(), field, version));
  }
}
