package dev.trellis.scheduler.store;

import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.manifest.Component;
import dev.trellis.scheduler.manifest.ComponentSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * wadm's checks before a version is deployed next to the other deployed applications: no component
 * id may already run in another application, and every shared component referenced must be deployed
 * by a shared application. Unlike wadm, ids are compared after defaulting (two apps whose names
 * lower-case alike would otherwise collide silently) and shared applications are judged by their
 * deployed version rather than their newest. Pure, for unit tests.
 */
final class DeployChecks {
  private DeployChecks() {}

  /** Why {@code staged} may not be deployed, if it may not. */
  static Optional<String> problem(Application staged, List<StoredManifest> stored) {
    List<Application> others = deployedOthers(staged, stored);
    Map<String, String> ids = new HashMap<>();
    for (Application other : others) {
      for (Component component : running(other)) {
        ids.put(other.componentId(component), other.name());
      }
    }
    for (Component component : running(staged)) {
      String id = staged.componentId(component);
      if (ids.containsKey(id)) {
        return Optional.of(
            "Component identifier '"
                + id
                + "' is already deployed in a different application '"
                + ids.get(id)
                + "'.");
      }
    }
    List<String> missing = missingShared(staged, stored);
    if (!missing.isEmpty()) {
      return Optional.of(
          "Application contains shared components that are not deployed in other applications: "
              + missing);
    }
    return Optional.empty();
  }

  /** The names of {@code staged}'s shared-component references that nothing deployed provides. */
  static List<String> missingShared(Application staged, List<StoredManifest> stored) {
    List<Application> others = deployedOthers(staged, stored);
    List<String> missing = new ArrayList<>();
    for (Component component : staged.spec().components()) {
      if (component.properties().source() instanceof ComponentSource.Shared shared
          && others.stream().noneMatch(other -> provides(other, shared, component))) {
        missing.add(component.name());
      }
    }
    return missing;
  }

  private static boolean provides(Application other, ComponentSource.Shared shared, Component ref) {
    return other.metadata().shared()
        && other.name().equals(shared.application())
        && other
            .spec()
            .component(shared.component())
            .filter(c -> c.type() == ref.type())
            .isPresent();
  }

  private static List<Application> deployedOthers(Application staged, List<StoredManifest> stored) {
    return stored.stream()
        .filter(s -> !s.name().equals(staged.name()))
        .flatMap(s -> s.deployed().stream())
        .toList();
  }

  /** The components that run as workloads (shared references run nothing of their own). */
  private static List<Component> running(Application application) {
    return application.spec().components().stream()
        .filter(c -> c.properties().source() instanceof ComponentSource.Image)
        .toList();
  }
}
