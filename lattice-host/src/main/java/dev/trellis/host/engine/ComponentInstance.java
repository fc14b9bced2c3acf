package dev.trellis.host.engine;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.abi.ResourceRegistry;
import dev.trellis.host.engine.internal.plan.StaticItem;
import dev.trellis.host.engine.internal.runtime.Func;
import dev.trellis.host.engine.internal.runtime.InstanceValue;
import dev.trellis.host.engine.internal.runtime.Root;
import dev.trellis.host.engine.spi.HostState;
import dev.trellis.wrpc.wit.WitValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running component: its exported functions by name, its host state, and whether a trap has
 * poisoned it. Made by a {@link Linker}. Not thread-safe: call it from one thread at a time (or
 * keep a pool of instances); it may be linked into other instances, which then call it in-process.
 */
public final class ComponentInstance {
  private final ComponentDefinition definition;
  private final Root root;
  private final InstanceValue exports;
  private volatile Map<String, ComponentFunction> functions;

  ComponentInstance(ComponentDefinition definition, Root root, InstanceValue exports) {
    this.definition = definition;
    this.root = root;
    this.exports = exports;
  }

  /** The component's name. */
  public String name() {
    return definition.name();
  }

  /** What this is an instance of. */
  public ComponentDefinition definition() {
    return definition;
  }

  /**
   * Every exported function by qualified name: {@code ns:pkg/iface@version#function} for functions
   * of exported interfaces, the plain name for world-level functions.
   */
  public Map<String, ComponentFunction> exports() {
    Map<String, ComponentFunction> f = functions;
    if (f == null) {
      f = collectFunctions();
      functions = f;
    }
    return f;
  }

  /**
   * The exported function called {@code name}. Besides the exact name, an interface name without a
   * version or with a semver-compatible one finds the function ({@code wasi:cli/run#run} finds
   * {@code wasi:cli/run@0.2.3#run}).
   */
  public Optional<ComponentFunction> function(String name) {
    ComponentFunction exact = exports().get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    int hash = name.indexOf('#');
    if (hash < 0) {
      return Optional.empty();
    }
    Optional<InterfaceName> wanted = InterfaceName.parse(name.substring(0, hash));
    String function = name.substring(hash + 1);
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    for (Map.Entry<String, ComponentFunction> e : exports().entrySet()) {
      int h = e.getKey().indexOf('#');
      if (h > 0 && e.getKey().substring(h + 1).equals(function)) {
        Optional<InterfaceName> have = InterfaceName.parse(e.getKey().substring(0, h));
        if (have.isPresent() && matches(have.get(), wanted.get())) {
          return Optional.of(e.getValue());
        }
      }
    }
    return Optional.empty();
  }

  private static boolean matches(InterfaceName have, InterfaceName wanted) {
    return wanted.version().isEmpty()
        ? have.unversioned().equals(wanted.unversioned())
        : have.satisfies(wanted);
  }

  /**
   * Calls the exported function {@code name} (see {@link #function}).
   *
   * @throws HostException if there is no such function
   * @throws ComponentTrapException if the guest traps
   */
  public Optional<WitValue> invoke(String name, List<WitValue> args) {
    return function(name)
        .orElseThrow(
            () ->
                new HostException(
                    "component '"
                        + name()
                        + "' exports no function '"
                        + name
                        + "'; it exports "
                        + exports().keySet()))
        .call(args);
  }

  /** As {@link #invoke(String, List)}. */
  public Optional<WitValue> invoke(String name, WitValue... args) {
    return invoke(name, List.of(args));
  }

  /** The host state its host functions see. */
  public HostState hostState() {
    return root.hostState();
  }

  /** Why the instance was poisoned, if a trap poisoned it; it then refuses every call. */
  public Optional<String> poisonReason() {
    return root.poisonReason();
  }

  /** Whether a trap has poisoned the instance. */
  public boolean isPoisoned() {
    return root.poisonReason().isPresent();
  }

  /**
   * Declares this instance finished: it is never called again (later calls fail as poisoned), and
   * its {@link ComponentPre} may give its linear memories to later instances, which see them zeroed
   * and freshly initialised exactly as new ones. Call it only when no call into this instance is
   * running or can start, and only on a top-level instance (not one linked into others).
   */
  public void release() {
    root.release();
  }

  /**
   * Drops an own handle that a call returned to the host (e.g. the result of a constructor): runs
   * the resource's destructor in the guest, if it has one.
   *
   * @throws HostException if {@code handle} is not a handle
   * @throws ComponentTrapException if the destructor traps
   */
  public void dropResource(WitValue handle) {
    if (!(handle instanceof WitValue.HandleValue h)) {
      throw new HostException("not a resource handle: " + handle);
    }
    String function = "[resource-drop]" + h.resource().name();
    root.checkUsable(function);
    Optional<ResourceRegistry.Destructor> destructor = root.destructor(h.resource());
    if (destructor.isEmpty()) {
      return;
    }
    try {
      destructor.get().destroy((int) h.handle());
    } catch (RuntimeException | StackOverflowError e) {
      throw root.trap(function, e);
    }
  }

  Root root() {
    return root;
  }

  /** The runtime value of export {@code name} (a function or an instance). */
  Object exportValue(String name) {
    Object value = exports.exports().get(name);
    if (value == null) {
      throw new HostException("component '" + name() + "' has no export '" + name + "'");
    }
    return value;
  }

  /** The static shape of export {@code name}. */
  Optional<StaticItem> exportShape(String name) {
    return Optional.ofNullable(definition.plan().exportShape().exports().get(name));
  }

  private Map<String, ComponentFunction> collectFunctions() {
    Map<String, ComponentFunction> out = new LinkedHashMap<>();
    Map<String, StaticItem> shape = definition.plan().exportShape().exports();
    for (Map.Entry<String, Object> e : exports.exports().entrySet()) {
      StaticItem item = shape.get(e.getKey());
      if (e.getValue() instanceof Func f && item instanceof StaticItem.FuncItem fi) {
        out.put(e.getKey(), new ComponentFunction(e.getKey(), fi.sig(), f, root));
      } else if (e.getValue() instanceof InstanceValue i
          && item instanceof StaticItem.InstanceItem ii) {
        for (Map.Entry<String, Object> m : i.exports().entrySet()) {
          if (m.getValue() instanceof Func f
              && ii.exports().get(m.getKey()) instanceof StaticItem.FuncItem fi) {
            String qualified = e.getKey() + "#" + m.getKey();
            out.put(qualified, new ComponentFunction(qualified, fi.sig(), f, root));
          }
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public String toString() {
    return "ComponentInstance[" + name() + (isPoisoned() ? ", poisoned" : "") + "]";
  }
}
