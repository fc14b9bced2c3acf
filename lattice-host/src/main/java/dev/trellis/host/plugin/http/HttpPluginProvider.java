package dev.trellis.host.plugin.http;

import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.HostPluginProvider;
import dev.trellis.host.plugin.PluginContext;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Provides the built-in {@link HttpPlugin}: serving HTTP on all interfaces at the host's HTTP port
 * when it has one, outgoing HTTP only otherwise.
 */
public final class HttpPluginProvider implements HostPluginProvider {
  @Override
  public String id() {
    return HttpPlugin.ID;
  }

  @Override
  public Optional<HostPlugin> create(PluginContext context) {
    return Optional.of(
        context.httpPort() > 0
            ? HttpPlugin.serving(new InetSocketAddress(context.httpPort()), context.telemetry())
            : HttpPlugin.outgoingOnly());
  }
}
