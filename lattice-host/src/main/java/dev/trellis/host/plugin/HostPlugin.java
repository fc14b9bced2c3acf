package dev.trellis.host.plugin;

import dev.trellis.host.engine.ExternItem;
import dev.trellis.host.engine.spi.HostInterface;
import java.util.List;
import java.util.Optional;

/**
 * A host capability: implements WIT interfaces that components import ({@link #hostInterfaces()})
 * and may drive interfaces they export (a message handler, an HTTP handler). The host's built-ins
 * (WASI, logging, config, key-value, messaging) are plugins like any third-party one and reach the
 * host the same way, through a {@link HostPluginProvider} found by {@link java.util.ServiceLoader}
 * or given to a {@link PluginRegistry} directly.
 *
 * <p>When a workload starts, every import of every component is satisfied by a sibling component
 * that exports it or by the first plugin (in registry order) whose host interfaces serve it, or
 * that generates an implementation for it ({@link #importInterface}), and that {@link #claims} the
 * workload's matching host-interface entries; exports are offered to the plugins that {@link
 * #drivesExport drive} them. The host then calls {@link #bind} once per component the plugin
 * serves, and {@link #unbind} once per workload when the workload stops or its start is rolled
 * back. All hooks have no-op defaults. Implementations must be thread-safe.
 */
public interface HostPlugin extends AutoCloseable {

  /** A stable, unique id such as {@code wasi-keyvalue}; a host refuses two plugins with one id. */
  String id();

  /** The interfaces this plugin serves, for heartbeats and for matching component exports. */
  PluginWorld world();

  /**
   * The implementations linked into components that import them (named with versions; imports of
   * semver-compatible versions are served too). Called once, when the plugin is registered.
   */
  default List<HostInterface> hostInterfaces() {
    return List.of();
  }

  /**
   * An implementation made for one interface import of one component, for plugins whose set of
   * interfaces is open-ended (the wRPC plugin serves whatever a workload routes to it). Asked while
   * a workload is planned, for an import that no sibling exports and that this plugin's {@link
   * #hostInterfaces()} do not serve, when the plugin {@link #claims} at least one of the workload's
   * entries covering it. The default serves nothing.
   *
   * @param imported the import with the WIT signature of every function the component imports
   * @param entries the workload's entries covering the import that this plugin claims (never empty)
   * @return the implementation to link, named like the import; empty to leave the import to the
   *     next plugin
   * @throws PluginException if the plugin claims the import but cannot serve it (the workload fails
   *     naming the import and this message)
   */
  default Optional<HostInterface> importInterface(
      ExternItem.Interface imported, List<WitInterfaceSpec> entries) {
    return Optional.empty();
  }

  /**
   * Whether this plugin drives the component export {@code export}, given the workload's entries
   * covering it that this plugin claims (possibly none). The default: whether its {@link #world()}
   * lists it.
   */
  default boolean drivesExport(String export, List<WitInterfaceSpec> claimed) {
    return world().drivesExport(export);
  }

  /**
   * Whether this plugin takes a host-interface entry of a workload that its interfaces match. The
   * default refuses entries meant for the wRPC plugin ({@link WitInterfaceSpec#isWrpc()}); a
   * refused entry is offered to the next plugin.
   */
  default boolean claims(WitInterfaceSpec declared) {
    return !declared.isWrpc();
  }

  /**
   * Binds one component of a starting workload. Throwing refuses the binding: the workload's start
   * fails with the exception's message and everything bound so far is unbound.
   */
  default ComponentBinding bind(BindRequest request) {
    return ComponentBinding.NONE;
  }

  /**
   * Forgets a workload: it stopped, or its start was rolled back after this plugin had bound some
   * of its components. Called after every binding's {@link ComponentBinding#stop()}; must not
   * throw.
   */
  default void unbind(WorkloadInfo workload) {}

  /** Releases what the plugin holds (connections, caches) when the host shuts down. */
  @Override
  default void close() {}
}
