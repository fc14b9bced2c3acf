package dev.trellis.host.plugin.wasi;

import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.HostState;
import dev.trellis.host.plugin.BindRequest;
import dev.trellis.host.plugin.ComponentBinding;
import dev.trellis.host.plugin.ComponentIdentity;
import dev.trellis.host.plugin.ComponentInfo;
import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.PluginWorld;
import dev.trellis.host.plugin.WitInterfaceSpec;
import dev.trellis.host.wasi.Wasi;
import dev.trellis.host.wasi.WasiContext;
import java.util.List;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WASI 0.2 ({@code dev.trellis.host.wasi}) as a host plugin: every component that imports WASI gets
 * a context built from its local resources — its name as the only argument, its {@code
 * environment}, its volume mounts as preopens — and its standard output and error as log lines.
 * Nothing else: no input, no sockets, no file system beyond what the workload mounts.
 */
public final class WasiPlugin implements HostPlugin {
  /** This plugin's id. */
  public static final String ID = "wasi";

  private static final Logger OUTPUT = LoggerFactory.getLogger("dev.trellis.guest.output");

  private final List<HostInterface> interfaces = Wasi.interfaces();
  private final PluginWorld world =
      PluginWorld.union(
          interfaces.stream()
              .map(i -> new PluginWorld(List.of(WitInterfaceSpec.parse(i.name())), List.of()))
              .toList());

  @Override
  public String id() {
    return ID;
  }

  @Override
  public PluginWorld world() {
    return world;
  }

  @Override
  public List<HostInterface> hostInterfaces() {
    return interfaces;
  }

  @Override
  public ComponentBinding bind(BindRequest request) {
    ComponentInfo component = request.component();
    return new ComponentBinding() {
      @Override
      public void initialize(HostState state) {
        ComponentIdentity identity = state.get(ComponentIdentity.class);
        state.put(WasiContext.class, context(component, identity));
      }
    };
  }

  /** The WASI context of one instance of {@code component}. */
  static WasiContext context(ComponentInfo component, ComponentIdentity identity) {
    WasiContext.Builder builder =
        WasiContext.builder()
            .arguments(component.name())
            .env(new TreeMap<>(component.environment()))
            .stdout(new LogLineStream(OUTPUT, identity, "stdout"))
            .stderr(new LogLineStream(OUTPUT, identity, "stderr"));
    component.preopens().forEach(builder::preopen);
    return builder.build();
  }
}
