package dev.trellis.host.plugin;

import dev.trellis.host.HostException;

/**
 * A plugin cannot serve: it refused a binding (bad configuration, a backend it lacks) or a registry
 * was given two plugins with one id. Messages name the plugin and what it refused.
 */
public final class PluginException extends HostException {
  private static final long serialVersionUID = 1L;

  public PluginException(String message) {
    super(message);
  }

  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
