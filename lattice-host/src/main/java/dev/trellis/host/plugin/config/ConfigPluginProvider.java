package dev.trellis.host.plugin.config;

import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.HostPluginProvider;
import dev.trellis.host.plugin.PluginContext;
import java.util.Optional;

/** Provides the built-in {@link ConfigPlugin} to every host. */
public final class ConfigPluginProvider implements HostPluginProvider {
  @Override
  public String id() {
    return ConfigPlugin.ID;
  }

  @Override
  public Optional<HostPlugin> create(PluginContext context) {
    return Optional.of(new ConfigPlugin());
  }
}
