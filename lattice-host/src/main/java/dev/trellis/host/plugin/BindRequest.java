package dev.trellis.host.plugin;

import dev.trellis.host.engine.ExternItem;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a plugin learns when a workload binds one of its components to it.
 *
 * @param workload the workload
 * @param component the component, with its resolved local resources
 * @param interfaces the workload's host-interface entries this plugin claimed for the component
 *     (with their configuration); empty when the component uses the plugin without the workload
 *     declaring it
 * @param imports the component's imports this plugin serves, as the component names them
 * @param exports the component's exports this plugin drives
 * @param invoker calls the component's exports once the workload runs
 * @param exportSignatures the exported interfaces among {@code exports}, with the WIT signature of
 *     each function, for plugins that serve exports whose types they learn only here (wRPC)
 */
public record BindRequest(
    WorkloadInfo workload,
    ComponentInfo component,
    List<WitInterfaceSpec> interfaces,
    List<String> imports,
    List<String> exports,
    ComponentInvoker invoker,
    List<ExternItem.Interface> exportSignatures) {
  public BindRequest {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(component, "component");
    interfaces = List.copyOf(interfaces);
    imports = List.copyOf(imports);
    exports = List.copyOf(exports);
    Objects.requireNonNull(invoker, "invoker");
    exportSignatures = List.copyOf(exportSignatures);
  }

  /** A request without export signatures. */
  public BindRequest(
      WorkloadInfo workload,
      ComponentInfo component,
      List<WitInterfaceSpec> interfaces,
      List<String> imports,
      List<String> exports,
      ComponentInvoker invoker) {
    this(workload, component, interfaces, imports, exports, invoker, List.of());
  }

  /**
   * The configuration of the claimed entries merged in order, then the component's own {@code
   * LocalResources.config} on top (the more specific wins), the way upstream plugins read keys such
   * as {@code subscriptions}.
   */
  public Map<String, String> mergedConfig() {
    Map<String, String> merged = new TreeMap<>();
    interfaces.forEach(i -> merged.putAll(i.config()));
    merged.putAll(component.config());
    return merged;
  }

  /** For messages: {@code component 'x' of workload 'w'}. */
  public String describe() {
    return "component '" + component.name() + "' of workload '" + workload.id() + "'";
  }
}
