package dev.trellis.scheduler.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules that span components, after wadm's validator: unique component names and ids, link
 * targets that exist, no duplicate links from one component, unique names for link configs the
 * manifest owns, unique policy names, and secrets that name a secret policy with a backend.
 */
final class CrossChecks {
  private CrossChecks() {}

  /** Every broken cross-component rule in {@code refs}; {@code appName} derives default ids. */
  static List<Diagnostic> run(CrossReferences refs, Optional<String> appName) {
    List<Diagnostic> errors = new ArrayList<>();
    Set<Integer> duplicateNames = componentNames(refs, errors);
    componentIds(refs, appName, duplicateNames, errors);
    linkTargets(refs, errors);
    duplicateLinks(refs, errors);
    linkConfigs(refs, errors);
    Map<String, CrossReferences.PolicyDef> policies = policies(refs, errors);
    secrets(refs, policies, errors);
    return errors;
  }

  private static Set<Integer> componentNames(CrossReferences refs, List<Diagnostic> errors) {
    Set<String> seen = new HashSet<>();
    Set<Integer> duplicates = new HashSet<>();
    for (CrossReferences.Named name : refs.componentNames) {
      if (!seen.add(name.value())) {
        duplicates.add(name.component());
        errors.add(new Diagnostic(name.path(), "duplicate component name '" + name.value() + "'"));
      }
    }
    return duplicates;
  }

  /** A component's lattice id: explicit, or derived from the application and component names. */
  private record Id(String path, String value, boolean derived) {}

  private static void componentIds(
      CrossReferences refs,
      Optional<String> appName,
      Set<Integer> duplicateNames,
      List<Diagnostic> errors) {
    Map<Integer, Id> ids = new TreeMap<>();
    refs.componentIds.forEach(id -> ids.put(id.component(), new Id(id.path(), id.value(), false)));
    for (CrossReferences.Named name : refs.componentNames) {
      if (appName.isPresent()
          && !ids.containsKey(name.component())
          && !duplicateNames.contains(name.component())) {
        String derived = Component.defaultId(appName.get(), name.value());
        ids.put(name.component(), new Id(name.path(), derived, true));
      }
    }
    Map<String, Id> first = new HashMap<>();
    for (Id id : ids.values()) {
      Id previous = first.putIfAbsent(id.value(), id);
      if (previous != null) {
        errors.add(
            new Diagnostic(
                id.path(),
                (id.derived() ? "derived component id '" : "component id '")
                    + id.value()
                    + "' is already the id of "
                    + componentAt(previous.path())));
      }
    }
  }

  private static void linkTargets(CrossReferences refs, List<Diagnostic> errors) {
    Set<String> names = new HashSet<>();
    refs.componentNames.forEach(n -> names.add(n.value()));
    for (CrossReferences.Named target : refs.linkTargets) {
      if (!names.contains(target.value())) {
        errors.add(
            new Diagnostic(
                target.path(),
                "link target '" + target.value() + "' is not a component of this application"));
      }
    }
  }

  private static void duplicateLinks(CrossReferences refs, List<Diagnostic> errors) {
    Map<List<Object>, CrossReferences.LinkKey> first = new HashMap<>();
    for (CrossReferences.LinkKey key : refs.linkKeys) {
      List<Object> identity =
          List.of(key.component(), key.name(), key.namespace(), key.pkg(), key.iface());
      CrossReferences.LinkKey previous = first.putIfAbsent(identity, key);
      if (previous != null) {
        errors.add(
            new Diagnostic(
                key.path(),
                "duplicate link '"
                    + key.name()
                    + "' for "
                    + key.namespace()
                    + ":"
                    + key.pkg()
                    + "/"
                    + key.iface()
                    + " (already declared at "
                    + previous.path()
                    + ")"));
      }
    }
  }

  private static void linkConfigs(CrossReferences refs, List<Diagnostic> errors) {
    Map<String, CrossReferences.Named> first = new HashMap<>();
    for (CrossReferences.Named config : refs.linkConfigs) {
      CrossReferences.Named previous = first.putIfAbsent(config.value(), config);
      if (previous != null) {
        errors.add(
            new Diagnostic(
                config.path(),
                "duplicate link config name '"
                    + config.value()
                    + "' (already defined at "
                    + previous.path()
                    + ")"));
      }
    }
  }

  private static Map<String, CrossReferences.PolicyDef> policies(
      CrossReferences refs, List<Diagnostic> errors) {
    Map<String, CrossReferences.PolicyDef> byName = new HashMap<>();
    for (CrossReferences.PolicyDef policy : refs.policies) {
      if (byName.putIfAbsent(policy.name(), policy) != null) {
        errors.add(new Diagnostic(policy.path(), "duplicate policy name '" + policy.name() + "'"));
      }
    }
    return byName;
  }

  private static void secrets(
      CrossReferences refs,
      Map<String, CrossReferences.PolicyDef> policies,
      List<Diagnostic> errors) {
    for (CrossReferences.SecretUse secret : refs.secrets) {
      CrossReferences.PolicyDef policy = policies.get(secret.policy());
      String subject = "secret '" + secret.secret() + "' refers to ";
      if (policy == null) {
        errors.add(
            new Diagnostic(secret.path(), subject + "unknown policy '" + secret.policy() + "'"));
      } else if (!Policy.SECRET_POLICY_TYPE.equals(policy.type())) {
        errors.add(
            new Diagnostic(
                secret.path(),
                subject
                    + "policy '"
                    + policy.name()
                    + "' of type '"
                    + policy.type()
                    + "'; secrets need type '"
                    + Policy.SECRET_POLICY_TYPE
                    + "'"));
      } else if (!policy.hasBackend()) {
        errors.add(
            new Diagnostic(
                secret.path(),
                subject
                    + "policy '"
                    + policy.name()
                    + "', which has no '"
                    + Policy.BACKEND_PROPERTY
                    + "' property"));
      }
    }
  }

  /** {@code spec.components[i]} from a path inside it. */
  private static String componentAt(String path) {
    int end = path.indexOf(']');
    return end < 0 ? path : path.substring(0, end + 1);
  }
}
