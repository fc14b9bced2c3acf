package dev.trellis.scheduler.manifest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Turns an {@link Application} into its canonical document: fixed field order, sorted maps,
 * defaults written out (link name, spread weight, version), legacy link forms replaced by the
 * current ones, empty optional lists left out. Parsing the result gives an equal application.
 */
final class ManifestWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ManifestWriter() {}

  static ObjectNode document(Application application) {
    ObjectNode root = NODES.objectNode();
    root.put("apiVersion", application.apiVersion());
    root.put("kind", application.kind());
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("name", application.name());
    metadata.set("annotations", map(application.metadata().annotations()));
    if (!application.metadata().labels().isEmpty()) {
      metadata.set("labels", map(application.metadata().labels()));
    }
    ObjectNode spec = root.putObject("spec");
    ArrayNode components = spec.putArray("components");
    application.spec().components().forEach(c -> components.add(component(c)));
    if (!application.spec().policies().isEmpty()) {
      ArrayNode policies = spec.putArray("policies");
      for (Policy policy : application.spec().policies()) {
        ObjectNode node = policies.addObject();
        node.put("name", policy.name());
        node.put("type", policy.type());
        node.set("properties", map(policy.properties()));
      }
    }
    return root;
  }

  private static ObjectNode component(Component component) {
    ObjectNode node = NODES.objectNode();
    node.put("name", component.name());
    node.put("type", component.type().wireName());
    ObjectNode properties = node.putObject("properties");
    ComponentProperties props = component.properties();
    switch (props.source()) {
      case ComponentSource.Image image -> properties.put("image", image.reference());
      case ComponentSource.Shared shared -> {
        ObjectNode application = properties.putObject("application");
        application.put("name", shared.application());
        application.put("component", shared.component());
      }
    }
    props.id().ifPresent(id -> properties.put("id", id));
    configsAndSecrets(properties, props.config(), props.secrets());
    if (!component.traits().isEmpty()) {
      ArrayNode traits = node.putArray("traits");
      for (Trait trait : component.traits()) {
        ObjectNode traitNode = traits.addObject();
        traitNode.put("type", trait.type());
        traitNode.set("properties", traitProperties(trait));
      }
    }
    return node;
  }

  private static ObjectNode traitProperties(Trait trait) {
    return switch (trait) {
      case SpreadScaler spread -> scaler(spread.instances(), spread.spread(), true);
      case DaemonScaler daemon -> scaler(daemon.instances(), daemon.spread(), false);
      case Link link -> link(link);
    };
  }

  private static ObjectNode scaler(int instances, List<Spread> spreads, boolean weighted) {
    ObjectNode node = NODES.objectNode();
    node.put("instances", instances);
    if (!spreads.isEmpty()) {
      ArrayNode array = node.putArray("spread");
      for (Spread spread : spreads) {
        ObjectNode element = array.addObject();
        element.put("name", spread.name());
        element.set("requirements", map(spread.requirements()));
        if (weighted) {
          element.put("weight", spread.weight());
        }
      }
    }
    return node;
  }

  private static ObjectNode link(Link link) {
    ObjectNode node = NODES.objectNode();
    node.put("name", link.name());
    node.put("namespace", link.namespace());
    node.put("package", link.witPackage());
    ArrayNode interfaces = node.putArray("interfaces");
    link.interfaces().forEach(interfaces::add);
    if (!link.source().isEmpty()) {
      configsAndSecrets(node.putObject("source"), link.source().config(), link.source().secrets());
    }
    ObjectNode target = node.putObject("target");
    target.put("name", link.target().name());
    configsAndSecrets(target, link.target().config(), link.target().secrets());
    switch (link.transport()) {
      case AUTO -> {}
      case WRPC -> node.put(Link.TRANSPORT_FIELD, link.transport().wireName());
    }
    return node;
  }

  private static void configsAndSecrets(
      ObjectNode node, List<ConfigRef> configs, List<SecretRef> secrets) {
    if (!configs.isEmpty()) {
      ArrayNode array = node.putArray("config");
      for (ConfigRef config : configs) {
        ObjectNode element = array.addObject();
        element.put("name", config.name());
        config.properties().ifPresent(p -> element.set("properties", map(p)));
      }
    }
    if (!secrets.isEmpty()) {
      ArrayNode array = node.putArray("secrets");
      for (SecretRef secret : secrets) {
        ObjectNode element = array.addObject();
        element.put("name", secret.name());
        ObjectNode source = element.putObject("properties");
        source.put("policy", secret.policy());
        source.put("key", secret.key());
        secret.field().ifPresent(f -> source.put("field", f));
        secret.version().ifPresent(v -> source.put("version", v));
      }
    }
  }

  private static ObjectNode map(Map<String, String> map) {
    ObjectNode node = NODES.objectNode();
    map.forEach(node::put);
    return node;
  }
}
