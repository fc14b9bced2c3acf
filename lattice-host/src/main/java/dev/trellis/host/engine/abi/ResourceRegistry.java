package dev.trellis.host.engine.abi;

import dev.trellis.host.HostException;
import dev.trellis.wrpc.wit.ResourceType;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who implements each resource type and what destroys it. The canonical ABI needs both at places
 * far from where the type was defined: a {@code resource.drop} of an own handle in any instance
 * runs the defining instance's destructor, and a borrow passed to the defining instance arrives as
 * the bare rep. One registry serves all component instances that may exchange handles (a top-level
 * component and everything nested in it, plus host-provided resources).
 *
 * <p>A resource type never defined here behaves as host-implemented without a destructor.
 */
public final class ResourceRegistry {
  private final ConcurrentHashMap<ResourceType, Definition> definitions = new ConcurrentHashMap<>();

  /** Destroys a resource's representation when its last own handle is dropped. */
  @FunctionalInterface
  public interface Destructor {
    /** Releases whatever {@code rep} stands for (a guest dtor call or a host-side close). */
    void destroy(int rep);
  }

  private record Definition(Optional<HandleTable> implementer, Optional<Destructor> destructor) {}

  /**
   * Records that the component instance owning {@code implementer} defines {@code type} ({@code
   * (type (resource (rep i32) (dtor f)))}), with its destructor if it declared one.
   *
   * @throws HostException if {@code type} is already defined
   */
  public void defineGuest(
      ResourceType type, HandleTable implementer, Optional<Destructor> destructor) {
    define(type, new Definition(Optional.of(implementer), destructor));
  }

  /**
   * Records that the host implements {@code type}; {@code destructor} runs when a guest drops the
   * last own handle.
   *
   * @throws HostException if {@code type} is already defined
   */
  public void defineHost(ResourceType type, Optional<Destructor> destructor) {
    define(type, new Definition(Optional.empty(), destructor));
  }

  private void define(ResourceType type, Definition definition) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(definition.destructor(), "destructor");
    if (definitions.putIfAbsent(type, definition) != null) {
      throw new HostException("resource type " + type.name() + " is already defined");
    }
  }

  /** Whether {@code table}'s instance is the one that defines {@code type}. */
  boolean isImplementedBy(ResourceType type, HandleTable table) {
    Definition d = definitions.get(type);
    return d != null && d.implementer().isPresent() && d.implementer().get() == table;
  }

  /** The destructor of {@code type}, if it has one. */
  Optional<Destructor> destructor(ResourceType type) {
    Definition d = definitions.get(type);
    return d == null ? Optional.empty() : d.destructor();
  }
}
