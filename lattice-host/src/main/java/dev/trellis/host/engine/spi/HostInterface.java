package dev.trellis.host.engine.spi;

import dev.trellis.host.HostException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Java implementation of one WIT interface that components import, e.g. {@code
 * wasi:cli/stdout@0.2.6}: its functions as lambdas over {@link dev.trellis.wrpc.wit.WitValue}s and
 * the resources it implements. Give it to a {@code Linker}; every component importing a
 * semver-compatible version of the interface (an import {@code @0.2.3} is served by a provided
 * {@code @0.2.6}) is linked to it.
 *
 * <p>Functions are named as in the component binary: plain ({@code get-stdout}), {@code
 * [method]R.f}, {@code [static]R.f} or {@code [constructor]R}; the builder's {@link
 * Builder#method}, {@link Builder#staticFunction} and {@link Builder#constructor} spell those for
 * you. Types are not declared: arguments are lifted by the signature the guest imports, and a guest
 * importing a function this interface lacks fails to link with a message naming it. Resources are
 * declared by name with what to do when the guest drops an own handle. Example:
 *
 * <pre>{@code
 * HostResource<Counter> COUNTER = HostResource.of("counter", Counter.class);
 * HostInterface counters = HostInterface.builder("example:host/counters@1.0.0")
 *     .resource(COUNTER)
 *     .constructor(COUNTER,
 *         (ctx, args) -> COUNTER.own(ctx, new Counter(WitArgs.s32(args.get(0)))))
 *     .method(COUNTER, "increment", (ctx, args) -> {
 *        Counter c = COUNTER.get(ctx, args.get(0)); // args.get(0) is the borrowed self
 *        return new WitValue.S32Value(c.add(WitArgs.s32(args.get(1))));
 *     })
 *     .action("reset-all", (ctx, args) -> ctx.state(Counters.class).reset())
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; one instance serves any number of component instances, each with
 * its own {@link HostState} and {@link ResourceTable}.
 */
public final class HostInterface {
  private final String name;
  private final Map<String, Implementation> functions;
  private final Map<String, Resource> resources;

  private HostInterface(Builder b) {
    this.name = b.name;
    this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(b.functions));
    this.resources = Collections.unmodifiableMap(new LinkedHashMap<>(b.resources));
  }

  /** Starts an interface named {@code name}, e.g. {@code wasi:io/streams@0.2.6}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The interface name with its version, e.g. {@code wasi:io/streams@0.2.6}. */
  public String name() {
    return name;
  }

  /** The functions by name, in the order they were added. */
  public Map<String, Implementation> functions() {
    return functions;
  }

  /** The function called {@code function}, if this interface implements it. */
  public Optional<Implementation> function(String function) {
    return Optional.ofNullable(functions.get(function));
  }

  /** The resources this interface implements, by WIT name. */
  public Map<String, Resource> resources() {
    return resources;
  }

  @Override
  public String toString() {
    return "HostInterface[" + name + ", " + functions.size() + " functions]";
  }

  /** How one function is implemented: with or without a result. */
  public sealed interface Implementation {}

  /** A function returning a value. */
  public record Returning(HostFunction function) implements Implementation {
    public Returning {
      Objects.requireNonNull(function, "function");
    }
  }

  /** A function without a result. */
  public record Action(HostAction action) implements Implementation {
    public Action {
      Objects.requireNonNull(action, "action");
    }
  }

  /** A resource implemented by the host and what runs when a guest drops an own handle. */
  public record Resource(String name, RepDestructor destructor) {
    public Resource {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(destructor, "destructor");
    }
  }

  /** Collects functions and resources; names must be unique. */
  public static final class Builder {
    private final String name;
    private final Map<String, Implementation> functions = new LinkedHashMap<>();
    private final Map<String, Resource> resources = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new HostException("host interface name must not be blank");
      }
    }

    /** Adds a function returning a value, named as in the binary (e.g. {@code get-stdout}). */
    public Builder function(String function, HostFunction implementation) {
      return add(function, new Returning(implementation));
    }

    /** Adds a function without a result. */
    public Builder action(String function, HostAction implementation) {
      return add(function, new Action(implementation));
    }

    /** Adds {@code [method]resource.function}, returning a value. */
    public Builder method(HostResource<?> resource, String function, HostFunction impl) {
      return function("[method]" + resource.name() + "." + function, impl);
    }

    /** Adds {@code [method]resource.function} without a result. */
    public Builder methodAction(HostResource<?> resource, String function, HostAction impl) {
      return action("[method]" + resource.name() + "." + function, impl);
    }

    /** Adds {@code [static]resource.function}. */
    public Builder staticFunction(HostResource<?> resource, String function, HostFunction impl) {
      return function("[static]" + resource.name() + "." + function, impl);
    }

    /** Adds {@code [constructor]resource}; it returns the new {@code own} handle. */
    public Builder constructor(HostResource<?> resource, HostFunction impl) {
      return function("[constructor]" + resource.name(), impl);
    }

    /** Declares a resource by WIT name with the destructor that receives the dropped rep. */
    public Builder resource(String resource, RepDestructor destructor) {
      Objects.requireNonNull(resource, "resource");
      if (resources.putIfAbsent(resource, new Resource(resource, destructor)) != null) {
        throw new HostException(
            "host interface " + name + " declares resource " + resource + " twice");
      }
      return this;
    }

    /** Declares a typed resource; dropping the guest's handle removes its object. */
    public Builder resource(HostResource<?> resource) {
      return resource(resource.name(), resource.destructor());
    }

    /** The interface. */
    public HostInterface build() {
      return new HostInterface(this);
    }

    private Builder add(String function, Implementation implementation) {
      Objects.requireNonNull(function, "function");
      if (functions.putIfAbsent(function, implementation) != null) {
        throw new HostException(
            "host interface " + name + " defines function " + function + " twice");
      }
      return this;
    }
  }
}
