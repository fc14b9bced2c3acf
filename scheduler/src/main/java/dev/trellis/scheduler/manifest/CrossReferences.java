package dev.trellis.scheduler.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * The facts that rules spanning several components need (names, ids, link targets, link keys, link
 * configs, secrets, policies), each with its path. The parser records them as it reads, even from
 * parts that have other errors; {@link #of(Spec)} derives them from a built model. Either way
 * {@link CrossChecks} judges them, so each cross-component rule is written once.
 */
final class CrossReferences {
  /** A named thing inside component {@code component} (index), found at {@code path}. */
  record Named(int component, String path, String value) {}

  /** One interface of one link: what wadm keys duplicate links by. */
  record LinkKey(
      int component, String path, String name, String namespace, String pkg, String iface) {}

  /** A secret and the policy it names. */
  record SecretUse(String path, String secret, String policy) {}

  /** A policy definition. */
  record PolicyDef(String path, String name, String type, boolean hasBackend) {}

  final List<Named> componentNames = new ArrayList<>();
  final List<Named> componentIds = new ArrayList<>();
  final List<Named> linkTargets = new ArrayList<>();
  final List<LinkKey> linkKeys = new ArrayList<>();
  final List<Named> linkConfigs = new ArrayList<>();
  final List<SecretUse> secrets = new ArrayList<>();
  final List<PolicyDef> policies = new ArrayList<>();

  /** The facts of a built spec, at canonical paths. */
  static CrossReferences of(Spec spec) {
    CrossReferences refs = new CrossReferences();
    for (int i = 0; i < spec.components().size(); i++) {
      refs.component(i, spec.components().get(i));
    }
    for (int p = 0; p < spec.policies().size(); p++) {
      Policy policy = spec.policies().get(p);
      refs.policies.add(
          new PolicyDef(
              Node.indexPath("spec.policies", p) + ".name",
              policy.name(),
              policy.type(),
              policy.properties().containsKey(Policy.BACKEND_PROPERTY)));
    }
    return refs;
  }

  private void component(int index, Component component) {
    String at = Node.indexPath("spec.components", index);
    componentNames.add(new Named(index, at + ".name", component.name()));
    ComponentProperties props = component.properties();
    props.id().ifPresent(id -> componentIds.add(new Named(index, at + ".properties.id", id)));
    secrets(at + ".properties.secrets", props.secrets());
    for (int j = 0; j < component.traits().size(); j++) {
      if (component.traits().get(j) instanceof Link link) {
        link(index, Node.indexPath(at + ".traits", j) + ".properties", link);
      }
    }
  }

  private void link(int component, String at, Link link) {
    linkTargets.add(new Named(component, at + ".target.name", link.target().name()));
    linkKeys(component, at, link);
    configs(component, at + ".target.config", link.target().config());
    configs(component, at + ".source.config", link.source().config());
    secrets(at + ".target.secrets", link.target().secrets());
    secrets(at + ".source.secrets", link.source().secrets());
  }

  /** Records the keys of {@code link}, whose properties are at {@code at}. */
  void linkKeys(int component, String at, Link link) {
    for (int k = 0; k < link.interfaces().size(); k++) {
      linkKeys.add(
          new LinkKey(
              component,
              Node.indexPath(at + ".interfaces", k),
              link.name(),
              link.namespace(),
              link.witPackage(),
              link.interfaces().get(k)));
    }
  }

  private void configs(int component, String at, List<ConfigRef> configs) {
    for (int k = 0; k < configs.size(); k++) {
      if (configs.get(k).isOwned()) {
        linkConfigs.add(
            new Named(component, Node.indexPath(at, k) + ".name", configs.get(k).name()));
      }
    }
  }

  private void secrets(String at, List<SecretRef> list) {
    for (int k = 0; k < list.size(); k++) {
      SecretRef secret = list.get(k);
      secrets.add(
          new SecretUse(
              Node.indexPath(at, k) + ".properties.policy", secret.name(), secret.policy()));
    }
  }
}
