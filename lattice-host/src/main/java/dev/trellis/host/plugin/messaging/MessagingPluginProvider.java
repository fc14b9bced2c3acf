package dev.trellis.host.plugin.messaging;

import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.HostPluginProvider;
import dev.trellis.host.plugin.PluginContext;
import java.util.Optional;

/** Provides the built-in {@link MessagingPlugin} to hosts that have NATS. */
public final class MessagingPluginProvider implements HostPluginProvider {
  @Override
  public String id() {
    return MessagingPlugin.ID;
  }

  @Override
  public Optional<HostPlugin> create(PluginContext context) {
    return context.nats().map(MessagingPlugin::new);
  }
}
