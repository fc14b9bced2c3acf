package dev.trellis.host.workload;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.ExternItem;
import dev.trellis.host.engine.InterfaceName;
import dev.trellis.host.engine.Linker;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.plugin.ComponentInfo;
import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.PluginRegistry;
import dev.trellis.host.plugin.WitInterfaceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides how a workload's imports are satisfied, as upstream hosts do: a sibling component that
 * exports the interface first (a direct in-process call; the first such sibling in request order),
 * else the first plugin in registry order whose host interfaces serve it (or that generates an
 * implementation for it, as the wRPC plugin does) and that claims the workload's matching
 * host-interface entries. Exports go to every plugin that drives them. Collects every problem
 * before failing, so one attempt tells an operator everything a workload is missing. Pure: binds
 * and instantiates nothing.
 */
final class LinkPlanner {
  private final WorkloadSpec spec;
  private final List<LoadedComponent> loaded;
  private final PluginRegistry plugins;
  private final List<String> problems = new ArrayList<>();

  private LinkPlanner(WorkloadSpec spec, List<LoadedComponent> loaded, PluginRegistry plugins) {
    this.spec = spec;
    this.loaded = loaded;
    this.plugins = plugins;
  }

  /**
   * The plan of {@code loaded} (components then service, as {@link ImageLoader#load} returns).
   *
   * @throws WorkloadException listing every unsatisfied import, or naming a link cycle
   */
  static LinkPlan plan(WorkloadSpec spec, List<LoadedComponent> loaded, PluginRegistry plugins) {
    return new LinkPlanner(spec, loaded, plugins).plan();
  }

  private LinkPlan plan() {
    List<LinkPlan.ComponentPlan> plans = new ArrayList<>();
    for (LoadedComponent c : loaded) {
      plans.add(planComponent(c));
    }
    if (!problems.isEmpty()) {
      throw new WorkloadException(String.join("; ", problems));
    }
    return new LinkPlan(DependencyOrder.sort(plans));
  }

  private LinkPlan.ComponentPlan planComponent(LoadedComponent c) {
    Set<String> siblings = new LinkedHashSet<>();
    Map<HostPlugin, Use> uses = new LinkedHashMap<>();
    for (ExternItem item : c.definition().imports()) {
      switch (item) {
        case ExternItem.Type t -> {}
        case ExternItem.Other o ->
            problems.add(
                "unsupported import "
                    + o.name()
                    + " of component '"
                    + c.name()
                    + "': a host"
                    + " cannot provide a "
                    + o.sort());
        case ExternItem.Function f -> linkFunction(c, f.name(), siblings, uses);
        case ExternItem.Interface i -> linkInterface(c, i, siblings, uses);
      }
    }
    for (ExternItem item : c.definition().exports()) {
      if (item instanceof ExternItem.Interface i) {
        driveExport(c, i, uses);
      }
    }
    List<LinkPlan.PluginUse> used = new ArrayList<>();
    for (HostPlugin p : plugins.plugins()) {
      Use u = uses.get(p);
      if (u != null) {
        used.add(
            new LinkPlan.PluginUse(
                p, u.imports, u.exports, List.copyOf(u.entries), u.generated, u.exportSignatures));
      }
    }
    return new LinkPlan.ComponentPlan(c, List.copyOf(siblings), used);
  }

  /** What one plugin serves for the component being planned. */
  private static final class Use {
    final List<String> imports = new ArrayList<>();
    final List<String> exports = new ArrayList<>();
    final Set<WitInterfaceSpec> entries = new LinkedHashSet<>();
    final List<HostInterface> generated = new ArrayList<>();
    final List<ExternItem.Interface> exportSignatures = new ArrayList<>();
  }

  /** A world-level function: a sibling's world-level export, else a plugin's root function. */
  private void linkFunction(
      LoadedComponent c, String name, Set<String> siblings, Map<HostPlugin, Use> uses) {
    for (LoadedComponent other : exporters(c)) {
      for (ExternItem e : other.definition().exports()) {
        if (e instanceof ExternItem.Function && e.name().equals(name)) {
          siblings.add(other.name());
          return;
        }
      }
    }
    for (HostPlugin p : plugins.plugins()) {
      if (servesRoot(p, name)) {
        uses.computeIfAbsent(p, k -> new Use()).imports.add(name);
        return;
      }
    }
    problems.add(unsatisfied(c, name, List.of()));
  }

  /** Whether {@code p} serves the world-level function {@code name} ({@link Linker#ROOT}). */
  static boolean servesRoot(HostPlugin p, String name) {
    return p.hostInterfaces().stream()
        .anyMatch(h -> h.name().equals(Linker.ROOT) && h.function(name).isPresent());
  }

  private void linkInterface(
      LoadedComponent c,
      ExternItem.Interface item,
      Set<String> siblings,
      Map<HostPlugin, Use> uses) {
    String name = item.name();
    Optional<LoadedComponent> sibling = siblingExporting(c, name);
    if (sibling.isPresent()) {
      siblings.add(sibling.get().name());
      return;
    }
    List<WitInterfaceSpec> covering = covering(name);
    for (HostPlugin p : plugins.plugins()) {
      List<WitInterfaceSpec> claimed = covering.stream().filter(p::claims).toList();
      if (serves(p, name) && (covering.isEmpty() || !claimed.isEmpty())) {
        Use use = uses.computeIfAbsent(p, k -> new Use());
        use.imports.add(name);
        use.entries.addAll(claimed);
        return;
      }
      if (!claimed.isEmpty()) {
        Optional<HostInterface> generated;
        try {
          generated = p.importInterface(item, claimed);
        } catch (HostException | IllegalArgumentException e) {
          problems.add(
              "unsatisfied import " + name + " of component '" + c.name() + "': " + e.getMessage());
          return;
        }
        if (generated.isPresent()) {
          Use use = uses.computeIfAbsent(p, k -> new Use());
          use.imports.add(name);
          use.entries.addAll(claimed);
          use.generated.add(generated.get());
          return;
        }
      }
    }
    problems.add(unsatisfied(c, name, covering));
  }

  /**
   * Offers an export to every plugin that drives it. An export the workload declares in its host
   * interfaces must be driven by some plugin; an undeclared one may stay undriven.
   */
  private void driveExport(
      LoadedComponent c, ExternItem.Interface item, Map<HostPlugin, Use> uses) {
    String name = item.name();
    List<WitInterfaceSpec> covering = covering(name);
    boolean driven = false;
    for (HostPlugin p : plugins.plugins()) {
      List<WitInterfaceSpec> claimed = covering.stream().filter(p::claims).toList();
      if ((covering.isEmpty() || !claimed.isEmpty()) && p.drivesExport(name, claimed)) {
        Use use = uses.computeIfAbsent(p, k -> new Use());
        use.exports.add(name);
        use.exportSignatures.add(item);
        use.entries.addAll(claimed);
        driven = true;
      }
    }
    if (!driven && !covering.isEmpty()) {
      problems.add(
          "unserved export "
              + name
              + " of component '"
              + c.name()
              + "': the workload asks the host to serve it and no plugin of this host does");
    }
  }

  private List<WitInterfaceSpec> covering(String name) {
    return spec.hostInterfaces().stream().filter(e -> e.covers(name)).toList();
  }

  /** Components (not the service) other than {@code c}, in request order. */
  private List<LoadedComponent> exporters(LoadedComponent c) {
    return loaded.stream()
        .filter(o -> o != c && o.spec().kind() == ComponentInfo.Kind.COMPONENT)
        .toList();
  }

  private Optional<LoadedComponent> siblingExporting(LoadedComponent c, String wanted) {
    Optional<InterfaceName> want = InterfaceName.parse(wanted);
    for (LoadedComponent other : exporters(c)) {
      for (ExternItem e : other.definition().exports()) {
        if (e instanceof ExternItem.Interface && matches(e.name(), wanted, want)) {
          return Optional.of(other);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean serves(HostPlugin p, String wanted) {
    Optional<InterfaceName> want = InterfaceName.parse(wanted);
    return p.hostInterfaces().stream().anyMatch(h -> matches(h.name(), wanted, want));
  }

  private static boolean matches(String provided, String wanted, Optional<InterfaceName> want) {
    if (provided.equals(wanted)) {
      return true;
    }
    Optional<InterfaceName> have = InterfaceName.parse(provided);
    return have.isPresent() && want.isPresent() && have.get().satisfies(want.get());
  }

  private String unsatisfied(LoadedComponent c, String name, List<WitInterfaceSpec> covering) {
    String why =
        covering.stream()
            .filter(WitInterfaceSpec::isWrpc)
            .findFirst()
            .map(
                e ->
                    "the workload routes it over wRPC ("
                        + WitInterfaceSpec.WRPC_NAME
                        + "="
                        + e.config().get(WitInterfaceSpec.WRPC_NAME)
                        + ") and no plugin of this host claims that")
            .orElse("no component of the workload exports it and no plugin of this host serves it");
    return "unsatisfied import " + name + " of component '" + c.name() + "': " + why;
  }
}
