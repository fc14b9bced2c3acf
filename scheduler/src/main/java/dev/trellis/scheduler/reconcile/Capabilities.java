package dev.trellis.scheduler.reconcile;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * wasmCloud's well-known capability provider images, which a Trellis host serves with a built-in
 * plugin instead of a provider process. An image is well known when its repository's last path
 * segment is one of {@link #PLUGINS} and an earlier part of the reference names {@code wasmcloud}
 * (e.g. {@code ghcr.io/wasmcloud/keyvalue-nats:0.3.1}); the segment becomes the plugin's name.
 */
public final class Capabilities {
  /** The config key, on a host interface entry, naming the built-in plugin that serves it. */
  public static final String PLUGIN_KEY = "trellis.dev/plugin";

  /**
   * The config key, on a host interface entry, that routes it over wRPC under that name: hosts call
   * it on the prefix {@code {hostgroup}.{name}} ({@code Subjects.wrpcPrefix}), where a provider
   * started with {@code --name <name>} serves (docs/wrpc.md).
   */
  public static final String WRPC_NAME_KEY = "wrpc:name";

  /** Image names served by host plugins. */
  public static final Set<String> PLUGINS =
      Set.of(
          "http-server",
          "http-client",
          "keyvalue-nats",
          "keyvalue-redis",
          "messaging-nats",
          "blobstore-fs",
          "config");

  /** The config key choosing a {@code wasi:keyvalue} backend on the host. */
  public static final String BACKEND_KEY = "backend";

  private static final Map<String, Map<String, String>> PLUGIN_CONFIG =
      Map.of(
          "keyvalue-nats", Map.of(BACKEND_KEY, "jetstream"),
          "keyvalue-redis", Map.of(BACKEND_KEY, "redis"));

  private Capabilities() {}

  /**
   * The config a plugin needs besides the link's: {@value #PLUGIN_KEY} and, for key-value images,
   * the host backend ({@code jetstream} for NATS, {@code redis} for Redis).
   */
  public static Map<String, String> pluginConfig(String plugin) {
    Map<String, String> config = new TreeMap<>(PLUGIN_CONFIG.getOrDefault(plugin, Map.of()));
    config.put(PLUGIN_KEY, plugin);
    return config;
  }

  /** The plugin serving {@code image}, if it is a well-known wasmCloud capability image. */
  public static Optional<String> plugin(String image) {
    String reference = image.toLowerCase(Locale.ROOT);
    int digest = reference.indexOf('@');
    if (digest >= 0) {
      reference = reference.substring(0, digest);
    }
    int slash = reference.lastIndexOf('/');
    int colon = reference.lastIndexOf(':');
    if (colon > slash) {
      reference = reference.substring(0, colon);
    }
    if (slash < 0) {
      return Optional.empty();
    }
    String name = reference.substring(reference.lastIndexOf('/') + 1);
    String prefix = reference.substring(0, reference.lastIndexOf('/'));
    return PLUGINS.contains(name) && prefix.contains("wasmcloud")
        ? Optional.of(name)
        : Optional.empty();
  }
}
