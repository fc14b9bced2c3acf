package dev.trellis.host.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plugin serves, as WIT interfaces: {@code imports} are interfaces components import and the
 * plugin implements (e.g. {@code wasi:keyvalue/store}); {@code exports} are interfaces components
 * export and the plugin drives (e.g. {@code wasmcloud:messaging/handler}, called for each message).
 * A host advertises the union of its plugins' worlds in its heartbeat.
 *
 * @param imports interfaces the plugin implements for components
 * @param exports interfaces of components the plugin calls
 */
public record PluginWorld(List<WitInterfaceSpec> imports, List<WitInterfaceSpec> exports) {

  /** A world that serves nothing. */
  public static final PluginWorld EMPTY = new PluginWorld(List.of(), List.of());

  public PluginWorld {
    imports = List.copyOf(imports);
    exports = List.copyOf(exports);
  }

  /** A world from interface names such as {@code wasi:keyvalue/store,atomics@0.2.0-draft}. */
  public static PluginWorld of(List<String> imports, List<String> exports) {
    return new PluginWorld(
        imports.stream().map(WitInterfaceSpec::parse).toList(),
        exports.stream().map(WitInterfaceSpec::parse).toList());
  }

  /** Whether some export entry covers the component export {@code qualified}. */
  public boolean drivesExport(String qualified) {
    return exports.stream().anyMatch(e -> e.covers(qualified));
  }

  /**
   * The union of {@code worlds}, with the interfaces of each {@code ns:pkg@version} merged into one
   * entry, in first-seen order.
   */
  public static PluginWorld union(List<PluginWorld> worlds) {
    Map<String, List<String>> imports = new LinkedHashMap<>();
    Map<String, List<String>> exports = new LinkedHashMap<>();
    for (PluginWorld w : worlds) {
      merge(imports, w.imports);
      merge(exports, w.exports);
    }
    return new PluginWorld(unmerge(imports), unmerge(exports));
  }

  private static void merge(Map<String, List<String>> into, List<WitInterfaceSpec> specs) {
    for (WitInterfaceSpec s : specs) {
      String key = s.packageId() + s.version().map(v -> "@" + v).orElse("");
      List<String> list = into.computeIfAbsent(key, k -> new ArrayList<>());
      s.interfaces().stream().filter(i -> !list.contains(i)).forEach(list::add);
    }
  }

  private static List<WitInterfaceSpec> unmerge(Map<String, List<String>> merged) {
    List<WitInterfaceSpec> out = new ArrayList<>();
    merged.forEach(
        (key, interfaces) -> {
          int at = key.indexOf('@');
          String pkg = at < 0 ? key : key.substring(0, at);
          String text = pkg + (interfaces.isEmpty() ? "" : "/" + String.join(",", interfaces));
          out.add(WitInterfaceSpec.parse(at < 0 ? text : text + key.substring(at)));
        });
    return out;
  }
}
