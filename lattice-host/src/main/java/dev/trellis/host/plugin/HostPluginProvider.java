package dev.trellis.host.plugin;

import java.util.Optional;

/**
 * Creates a {@link HostPlugin} for a host; the {@link java.util.ServiceLoader} service through
 * which plugins reach hosts. List implementations in {@code
 * META-INF/services/dev.trellis.host.plugin.HostPluginProvider}; {@link PluginRegistry#discover}
 * finds every provider on the class path, the host's built-ins included.
 */
public interface HostPluginProvider {

  /** The id of the plugin this provider creates. */
  String id();

  /**
   * The plugin for a host, or empty when it cannot serve in {@code context} (e.g. it needs NATS and
   * the host has none); a host without it fails workloads that need it with an unsatisfied import.
   */
  Optional<HostPlugin> create(PluginContext context);
}
