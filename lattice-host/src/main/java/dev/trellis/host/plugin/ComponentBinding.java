package dev.trellis.host.plugin;

import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.HostState;
import java.util.List;

/**
 * What a plugin keeps for one component it is bound to, returned by {@link HostPlugin#bind}. Every
 * hook has a no-op default.
 */
public interface ComponentBinding {

  /** A binding that needs nothing. */
  ComponentBinding NONE = new ComponentBinding() {};

  /**
   * Implementations for this component only, linked instead of the plugin's {@link
   * HostPlugin#hostInterfaces()} (same names): e.g. outgoing HTTP confined to the component's
   * allowed hosts. Empty (the default) links the plugin's shared ones.
   */
  default List<HostInterface> hostInterfaces() {
    return List.of();
  }

  /**
   * Prepares the host state of each new instance of the component, before it is instantiated (e.g.
   * puts the component's WASI context or key-value routing there). Called on any thread, possibly
   * concurrently for different instances.
   */
  default void initialize(HostState state) {}

  /** The workload is running: start delivering invocations (subscribe, register routes). */
  default void start() {}

  /**
   * The workload is stopping or its start is being rolled back: deliver no more invocations. Called
   * at most once, also without a preceding {@link #start()}; must not throw.
   */
  default void stop() {}
}
