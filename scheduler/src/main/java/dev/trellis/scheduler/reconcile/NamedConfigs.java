package dev.trellis.scheduler.reconcile;

import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.manifest.ConfigRef;
import dev.trellis.scheduler.manifest.Link;
import dev.trellis.scheduler.store.ConfigStore;
import dev.trellis.scheduler.store.ConfigStore.Lookup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the named configs an application references without {@code properties} hold right now, read
 * from the lattice's config bucket once per reconcile pass. Handed to {@link WorkloadMapper} as
 * data, so mapping stays pure: the same application and the same lookups always give the same
 * workloads and hashes.
 *
 * @param bucket the bucket the lookups come from, for messages ({@code CONFIGDATA_{lattice}})
 * @param lookups what each name resolved to; a name not in the map is missing
 */
public record NamedConfigs(String bucket, Map<String, Lookup> lookups) {
  public NamedConfigs {
    Objects.requireNonNull(bucket, "bucket");
    lookups = Map.copyOf(lookups);
  }

  /** No config stored: every named config is missing. */
  public static NamedConfigs none(String bucket) {
    return new NamedConfigs(bucket, Map.of());
  }

  /** Reads every config {@code app} references by name (one get per name). */
  public static NamedConfigs read(ConfigStore store, Application app) {
    Map<String, Lookup> lookups = new LinkedHashMap<>();
    referenced(app).forEach(name -> lookups.put(name, store.lookup(name)));
    return new NamedConfigs(store.bucket(), lookups);
  }

  /** What {@code name} resolved to. */
  public Lookup lookup(String name) {
    return lookups.getOrDefault(name, new Lookup.Missing());
  }

  /**
   * The names of the configs {@code app} references without {@code properties}: in components' and
   * capabilities' {@code config} and at both ends of every link.
   */
  public static Set<String> referenced(Application app) {
    Set<String> names = new TreeSet<>();
    for (var component : app.spec().components()) {
      addNamed(component.properties().config(), names);
      for (Link link : component.links()) {
        addNamed(link.target().config(), names);
        addNamed(link.source().config(), names);
      }
    }
    return names;
  }

  private static void addNamed(List<ConfigRef> configs, Set<String> names) {
    configs.stream().filter(c -> !c.isOwned()).map(ConfigRef::name).forEach(names::add);
  }
}
