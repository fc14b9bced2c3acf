package dev.trellis.scheduler.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the properties of a {@code link} trait. wadm ignores unknown link properties, so they are
 * warnings here; the legacy forms ({@code target: "<name>"}, {@code source_config}, {@code
 * target_config}) are read into the current shape, with wadm's deprecation warnings.
 */
final class LinkReader {
  private static final String SOURCE_CONFIG = "source_config";
  private static final String TARGET_CONFIG = "target_config";
  private static final List<String> LINK_FIELDS =
      List.of(
          "namespace",
          "package",
          "interfaces",
          "name",
          "source",
          "target",
          SOURCE_CONFIG,
          TARGET_CONFIG,
          Link.TRANSPORT_FIELD);
  private static final List<String> SOURCE_FIELDS = List.of("config", "secrets");
  private static final List<String> TARGET_FIELDS = List.of("name", "config", "secrets");

  private final Diagnostics diagnostics;
  private final CrossReferences refs;
  private final RefReader refReader;

  LinkReader(Diagnostics diagnostics, CrossReferences refs) {
    this.diagnostics = diagnostics;
    this.refs = refs;
    this.refReader = new RefReader(diagnostics, refs);
  }

  /** The link whose properties are {@code node}, on the component at index {@code component}. */
  Optional<Link> link(Node node, int component) {
    int mark = diagnostics.mark();
    Optional<MappingReader> opened =
        MappingReader.open(node, diagnostics, MappingReader.Unknown.WARN, LINK_FIELDS);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    MappingReader reader = opened.orElseThrow();
    Optional<String> namespace = reader.requiredText("namespace");
    Optional<String> pkg = reader.requiredText("package");
    List<String> interfaces = interfaces(reader, namespace, pkg);
    Optional<String> name = reader.optionalText("name");
    Optional<LinkTarget> target = target(reader, component);
    LinkSource source = source(reader, component);
    Optional<LinkTransport> transport = transport(reader);
    if (!diagnostics.cleanSince(mark)) {
      return Optional.empty();
    }
    Link link =
        new Link(
            name.orElse(Link.DEFAULT_NAME),
            namespace.orElseThrow(),
            pkg.orElseThrow(),
            interfaces,
            source,
            target.orElseThrow(),
            transport.orElseThrow());
    refs.linkKeys(component, node.path(), link);
    return Optional.of(link);
  }

  private List<String> interfaces(
      MappingReader reader, Optional<String> namespace, Optional<String> pkg) {
    Node node = reader.at("interfaces");
    if (node.isAbsent()) {
      diagnostics.error(node.where(), "is required");
      return List.of();
    }
    List<Node> elements = reader.list("interfaces");
    if (node.json().isArray() && elements.isEmpty()) {
      diagnostics.error(node.where(), "must list at least one interface");
    }
    List<String> interfaces = new ArrayList<>();
    for (Node element : elements) {
      reader
          .text(element)
          .ifPresent(
              iface -> {
                interfaces.add(iface);
                if (namespace.isPresent() && pkg.isPresent()) {
                  KnownInterfaces.check(namespace.orElseThrow(), pkg.orElseThrow(), iface)
                      .ifPresent(warning -> diagnostics.warn(element.path(), warning));
                }
              });
    }
    return interfaces;
  }

  private Optional<LinkTarget> target(MappingReader reader, int component) {
    Node node = reader.at("target");
    if (node.isAbsent()) {
      diagnostics.error(node.where(), "is required");
      return Optional.empty();
    }
    if (reader.has(TARGET_CONFIG)) {
      diagnostics.warn(
          reader.at(TARGET_CONFIG).path(),
          node.json().isObject()
              ? "deprecated and ignored because 'target' is a mapping; use target.config"
              : "deprecated; use target.config");
    }
    if (node.json().isTextual()) {
      Optional<String> name = reader.text(node);
      name.ifPresent(
          n -> refs.linkTargets.add(new CrossReferences.Named(component, node.path(), n)));
      List<ConfigRef> config =
          refReader.configs(reader.list(TARGET_CONFIG), Optional.of(component));
      return name.map(n -> new LinkTarget(n, config, List.of()));
    }
    if (!node.json().isObject()) {
      diagnostics.error(
          node.where(),
          "must be a component name or a mapping, not " + MappingReader.describe(node.json()));
      return Optional.empty();
    }
    MappingReader target =
        MappingReader.open(node, diagnostics, MappingReader.Unknown.WARN, TARGET_FIELDS)
            .orElseThrow();
    Optional<String> name = target.requiredText("name");
    name.ifPresent(
        n ->
            refs.linkTargets.add(
                new CrossReferences.Named(component, target.at("name").path(), n)));
    List<ConfigRef> config = refReader.configs(target.list("config"), Optional.of(component));
    List<SecretRef> secrets = refReader.secrets(target.list("secrets"));
    return name.map(n -> new LinkTarget(n, config, secrets));
  }

  private LinkSource source(MappingReader reader, int component) {
    Node node = reader.at("source");
    if (reader.has(SOURCE_CONFIG)) {
      diagnostics.warn(
          reader.at(SOURCE_CONFIG).path(),
          node.isAbsent()
              ? "deprecated; use source.config"
              : "deprecated and ignored because 'source' is given; use source.config");
    }
    if (node.isAbsent()) {
      List<ConfigRef> config =
          refReader.configs(reader.list(SOURCE_CONFIG), Optional.of(component));
      return new LinkSource(config, List.of());
    }
    Optional<MappingReader> opened =
        MappingReader.open(node, diagnostics, MappingReader.Unknown.WARN, SOURCE_FIELDS);
    if (opened.isEmpty()) {
      return LinkSource.EMPTY;
    }
    MappingReader source = opened.orElseThrow();
    List<ConfigRef> config = refReader.configs(source.list("config"), Optional.of(component));
    return new LinkSource(config, refReader.secrets(source.list("secrets")));
  }

  private Optional<LinkTransport> transport(MappingReader reader) {
    Optional<String> value = reader.optionalText(Link.TRANSPORT_FIELD);
    if (value.isEmpty()) {
      return reader.has(Link.TRANSPORT_FIELD) ? Optional.empty() : Optional.of(LinkTransport.AUTO);
    }
    Optional<LinkTransport> transport = LinkTransport.fromWire(value.orElseThrow());
    if (transport.isEmpty()) {
      diagnostics.error(
          reader.at(Link.TRANSPORT_FIELD).path(),
          "unknown transport '" + value.orElseThrow() + "' (expected wrpc or auto)");
    }
    return transport;
  }
}
