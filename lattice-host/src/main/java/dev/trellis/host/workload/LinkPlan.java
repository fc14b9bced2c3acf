package dev.trellis.host.workload;

import dev.trellis.host.engine.ExternItem;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.WitInterfaceSpec;
import java.util.List;
import java.util.Objects;

/**
 * How every import of a workload is satisfied, decided before anything is bound or instantiated:
 * per component, the siblings it links to in-process and the plugins it uses. Components are in
 * dependency order (exporters before their importers), the service last.
 *
 * @param components the plans, in instantiation order
 */
record LinkPlan(List<ComponentPlan> components) {
  LinkPlan {
    components = List.copyOf(components);
  }

  /**
   * One component's plan.
   *
   * @param component the loaded component
   * @param siblings the components whose exports it imports (linked in-process)
   * @param plugins the plugins it uses, in registry order
   */
  record ComponentPlan(LoadedComponent component, List<String> siblings, List<PluginUse> plugins) {
    ComponentPlan {
      Objects.requireNonNull(component, "component");
      siblings = List.copyOf(siblings);
      plugins = List.copyOf(plugins);
    }

    String name() {
      return component.name();
    }
  }

  /**
   * What one plugin does for one component.
   *
   * @param plugin the plugin
   * @param imports the component's imports it serves
   * @param exports the component's exports it drives
   * @param entries the workload's host-interface entries it claimed for them
   * @param generated implementations it made for this component's imports ({@link
   *     HostPlugin#importInterface}), linked besides its shared ones
   * @param exportSignatures the exports it drives that are interfaces, with their signatures
   */
  record PluginUse(
      HostPlugin plugin,
      List<String> imports,
      List<String> exports,
      List<WitInterfaceSpec> entries,
      List<HostInterface> generated,
      List<ExternItem.Interface> exportSignatures) {
    PluginUse {
      Objects.requireNonNull(plugin, "plugin");
      imports = List.copyOf(imports);
      exports = List.copyOf(exports);
      entries = List.copyOf(entries);
      generated = List.copyOf(generated);
      exportSignatures = List.copyOf(exportSignatures);
    }
  }
}
