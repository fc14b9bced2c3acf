package dev.trellis.host.plugin.wrpc;

import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.HostPluginProvider;
import dev.trellis.host.plugin.PluginContext;
import java.util.Optional;

/**
 * Provides the built-in {@link WrpcPlugin} to every host, also to hosts without NATS, so that a
 * workload routing an interface over wRPC there fails with a message saying why.
 */
public final class WrpcPluginProvider implements HostPluginProvider {
  @Override
  public String id() {
    return WrpcPlugin.ID;
  }

  @Override
  public Optional<HostPlugin> create(PluginContext context) {
    return Optional.of(new WrpcPlugin(context, WrpcPlugin.defaultResilience()));
  }
}
