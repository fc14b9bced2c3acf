package dev.trellis.host.plugin.wasi;

import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.HostPluginProvider;
import dev.trellis.host.plugin.PluginContext;
import java.util.Optional;

/** Provides the built-in {@link WasiPlugin} to every host. */
public final class WasiPluginProvider implements HostPluginProvider {
  @Override
  public String id() {
    return WasiPlugin.ID;
  }

  @Override
  public Optional<HostPlugin> create(PluginContext context) {
    return Optional.of(new WasiPlugin());
  }
}
