package dev.trellis.host.plugin.config;

import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.HostState;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.host.plugin.BindRequest;
import dev.trellis.host.plugin.ComponentBinding;
import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.PluginWorld;
import dev.trellis.wrpc.wit.WitValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code wasi:config/store} ({@code get}, {@code get-all}) from the workload's configuration: the
 * config of its {@code wasi:config} host-interface entries, overlaid by the component's own {@code
 * LocalResources.config} (the more specific wins). Served at {@code 0.2.0-rc.1} (what current
 * toolchains import) and {@code 0.2.0-draft}, plus the older {@code
 * wasi:config/runtime@0.2.0-draft} of the same shape. Values never change while a workload runs.
 */
public final class ConfigPlugin implements HostPlugin {
  /** This plugin's id. */
  public static final String ID = "wasi-config";

  private static final List<String> NAMES =
      List.of(
          "wasi:config/store@0.2.0-rc.1",
          "wasi:config/store@0.2.0-draft",
          "wasi:config/runtime@0.2.0-draft");

  private final List<HostInterface> interfaces =
      NAMES.stream()
          .map(
              n ->
                  HostInterface.builder(n)
                      .function("get", ConfigPlugin::get)
                      .function("get-all", ConfigPlugin::getAll)
                      .build())
          .toList();

  /** The configuration one component sees, kept in its instances' host state. */
  record ConfigValues(Map<String, String> values) {
    ConfigValues {
      values = Map.copyOf(values);
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public PluginWorld world() {
    return PluginWorld.of(NAMES, List.of());
  }

  @Override
  public List<HostInterface> hostInterfaces() {
    return interfaces;
  }

  @Override
  public ComponentBinding bind(BindRequest request) {
    ConfigValues values = new ConfigValues(request.mergedConfig());
    return new ComponentBinding() {
      @Override
      public void initialize(HostState state) {
        state.put(ConfigValues.class, values);
      }
    };
  }

  private static Map<String, String> values(CallContext ctx) {
    return ctx.state().find(ConfigValues.class).map(ConfigValues::values).orElse(Map.of());
  }

  private static WitValue get(CallContext ctx, List<WitValue> args) {
    Optional<String> value = Optional.ofNullable(values(ctx).get(WitArgs.string(args.get(0))));
    return WitValue.ok(new WitValue.OptionValue(value.map(WitValue::string)));
  }

  private static WitValue getAll(CallContext ctx, List<WitValue> args) {
    List<WitValue> pairs = new ArrayList<>();
    new TreeMap<>(values(ctx))
        .forEach((k, v) -> pairs.add(WitValue.tuple(WitValue.string(k), WitValue.string(v))));
    return WitValue.ok(new WitValue.ListValue(pairs));
  }
}
