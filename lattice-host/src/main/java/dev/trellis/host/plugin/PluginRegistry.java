package dev.trellis.host.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of one host, in the order imports are offered to them. Built from the {@link
 * HostPluginProvider}s on the class path ({@link #discover}), from explicit plugins ({@link #of}),
 * or both ({@link #with}). Owns its plugins: closing it closes them, last first. Immutable.
 */
public final class PluginRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

  private final List<HostPlugin> plugins;

  private PluginRegistry(List<HostPlugin> plugins) {
    Set<String> ids = new HashSet<>();
    for (HostPlugin p : plugins) {
      if (!ids.add(p.id())) {
        throw new PluginException("two host plugins have the id '" + p.id() + "'");
      }
    }
    this.plugins = List.copyOf(plugins);
  }

  /** A registry of exactly {@code plugins}, in that order. */
  public static PluginRegistry of(List<HostPlugin> plugins) {
    return new PluginRegistry(plugins);
  }

  /** A registry without plugins (a host that satisfies no import by itself). */
  public static PluginRegistry empty() {
    return new PluginRegistry(List.of());
  }

  /**
   * Every plugin whose provider {@link java.util.ServiceLoader} finds and that can serve in {@code
   * context}, ordered by id so that which plugin serves an interface never depends on class-path
   * order.
   */
  public static PluginRegistry discover(PluginContext context) {
    List<HostPluginProvider> providers = new ArrayList<>();
    ServiceLoader.load(HostPluginProvider.class, PluginRegistry.class.getClassLoader())
        .forEach(providers::add);
    providers.sort(Comparator.comparing(HostPluginProvider::id));
    List<HostPlugin> created = new ArrayList<>();
    for (HostPluginProvider provider : providers) {
      Optional<HostPlugin> plugin = provider.create(context);
      if (plugin.isPresent()) {
        created.add(plugin.get());
      } else {
        LOG.info("plugin_unavailable host_id={} plugin={}", context.hostId(), provider.id());
      }
    }
    LOG.info(
        "plugins_loaded host_id={} plugins={}",
        context.hostId(),
        created.stream().map(HostPlugin::id).toList());
    return new PluginRegistry(created);
  }

  /** This registry with {@code plugin} added last (a third-party plugin, a test double). */
  public PluginRegistry with(HostPlugin plugin) {
    List<HostPlugin> more = new ArrayList<>(plugins);
    more.add(plugin);
    return new PluginRegistry(more);
  }

  /** This registry without the plugin {@code id} (which is closed). */
  public PluginRegistry without(String id) {
    List<HostPlugin> fewer = new ArrayList<>();
    for (HostPlugin p : plugins) {
      if (p.id().equals(id)) {
        p.close();
      } else {
        fewer.add(p);
      }
    }
    return new PluginRegistry(fewer);
  }

  /** The plugins in order. */
  public List<HostPlugin> plugins() {
    return plugins;
  }

  /** The plugin {@code id}, if registered. */
  public Optional<HostPlugin> plugin(String id) {
    return plugins.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The union of every plugin's world: what the host can satisfy and drive. */
  public PluginWorld world() {
    return PluginWorld.union(plugins.stream().map(HostPlugin::world).toList());
  }

  /** Closes every plugin, last first; a failing close is logged, the rest still close. */
  @Override
  public void close() {
    for (int i = plugins.size() - 1; i >= 0; i--) {
      HostPlugin p = plugins.get(i);
      try {
        p.close();
      } catch (RuntimeException e) {
        LOG.warn("plugin_close_failed plugin={} error={}", p.id(), e.toString());
      }
    }
  }
}
