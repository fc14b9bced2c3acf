package dev.trellis.host.plugin.logging;

import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.HostPluginProvider;
import dev.trellis.host.plugin.PluginContext;
import java.util.Optional;

/** Provides the built-in {@link LoggingPlugin} to every host. */
public final class LoggingPluginProvider implements HostPluginProvider {
  @Override
  public String id() {
    return LoggingPlugin.ID;
  }

  @Override
  public Optional<HostPlugin> create(PluginContext context) {
    return Optional.of(new LoggingPlugin());
  }
}
