package dev.trellis.host.engine;

import dev.trellis.host.engine.internal.plan.ScopePlan;
import dev.trellis.host.engine.internal.plan.StaticItem;
import dev.trellis.host.engine.internal.runtime.Func;
import dev.trellis.host.engine.internal.runtime.HostCallContext;
import dev.trellis.host.engine.internal.runtime.HostFunc;
import dev.trellis.host.engine.internal.runtime.InstanceValue;
import dev.trellis.host.engine.internal.runtime.Root;
import dev.trellis.host.engine.internal.runtime.TracedFunc;
import dev.trellis.host.engine.internal.runtime.TrapFunc;
import dev.trellis.host.engine.internal.types.ResolvedType;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.wrpc.wit.ResourceType;
import io.opentelemetry.api.trace.Tracer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the linker satisfied one import slot of a component, decided once per {@link ComponentPre};
 * {@link #value} makes the runtime import value for one new instance and registers the destructors
 * of the resource types the import brings in.
 */
sealed interface Binding {

  /** The import value for a new instance tree rooted at {@code root}. */
  Object value(ScopePlan.ImportSlot slot, Root root);

  /** An instance import served by a host interface (missing functions trap if allowed). */
  record Host(HostInterface host) implements Binding {
    public Host {
      Objects.requireNonNull(host, "host");
    }

    @Override
    public Object value(ScopePlan.ImportSlot slot, Root root) {
      Map<String, Object> funcs = new LinkedHashMap<>();
      StaticItem.InstanceItem shape = (StaticItem.InstanceItem) slot.item();
      for (Map.Entry<String, StaticItem> e : shape.exports().entrySet()) {
        if (e.getValue() instanceof StaticItem.FuncItem f) {
          String qualified = slot.name() + "#" + e.getKey();
          Optional<HostInterface.Implementation> impl = host.function(e.getKey());
          funcs.put(
              e.getKey(),
              impl.isPresent()
                  ? new HostFunc(f.sig(), impl.get(), new HostCallContext(root, qualified))
                  : new TrapFunc(f.sig(), root.componentName(), qualified));
        }
      }
      for (Map.Entry<String, ResourceType> r : slot.resources().entrySet()) {
        Optional<HostInterface.Resource> resource =
            Optional.ofNullable(host.resources().get(r.getKey()));
        HostCallContext context =
            new HostCallContext(root, slot.name() + "#[resource-drop]" + r.getKey());
        root.defineExternalResource(
            r.getValue(), resource.map(res -> rep -> res.destructor().destroy(context, rep)));
      }
      return new InstanceValue(funcs);
    }
  }

  /** A world-level function import served by a host function. */
  record HostFunction(HostInterface.Implementation implementation) implements Binding {
    @Override
    public Object value(ScopePlan.ImportSlot slot, Root root) {
      StaticItem.FuncItem f = (StaticItem.FuncItem) slot.item();
      return new HostFunc(f.sig(), implementation, new HostCallContext(root, slot.name()));
    }
  }

  /** An instance import served by an export of another component instance. */
  record Instance(ComponentInstance provider, String export) implements Binding {
    @Override
    public Object value(ScopePlan.ImportSlot slot, Root root) {
      Optional<StaticItem> shape = provider.exportShape(export);
      for (Map.Entry<String, ResourceType> r : slot.resources().entrySet()) {
        Optional<ResourceType> theirs =
            shape
                .filter(StaticItem.InstanceItem.class::isInstance)
                .flatMap(s -> ((StaticItem.InstanceItem) s).export(r.getKey()))
                .filter(StaticItem.TypeItem.class::isInstance)
                .map(t -> ((StaticItem.TypeItem) t).type())
                .filter(ResolvedType.Resource.class::isInstance)
                .map(t -> ((ResolvedType.Resource) t).type());
        Root providerRoot = provider.root();
        root.defineExternalResource(
            r.getValue(),
            theirs.map(
                type -> rep -> providerRoot.destructor(type).ifPresent(d -> d.destroy(rep))));
      }
      return provider.exportValue(export);
    }
  }

  /** A world-level function import served by another instance's world-level export. */
  record InstanceFunction(ComponentInstance provider, String export) implements Binding {
    @Override
    public Object value(ScopePlan.ImportSlot slot, Root root) {
      return provider.exportValue(export);
    }
  }

  /**
   * An import served by another instance ({@link Instance}, {@link InstanceFunction}) whose calls
   * are traced: each of its functions is wrapped in a {@link TracedFunc}.
   */
  record Traced(Binding linked, ComponentInstance provider, Tracer tracer) implements Binding {
    public Traced {
      Objects.requireNonNull(linked, "linked");
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(tracer, "tracer");
    }

    @Override
    public Object value(ScopePlan.ImportSlot slot, Root root) {
      return wrap(linked.value(slot, root), slot.name(), root.componentName());
    }

    private Object wrap(Object value, String name, String importer) {
      if (value instanceof Func f) {
        return new TracedFunc(f, tracer, name, importer, provider.name());
      }
      if (value instanceof InstanceValue instance) {
        Map<String, Object> wrapped = new LinkedHashMap<>();
        instance.exports().forEach((k, v) -> wrapped.put(k, wrap(v, name + "#" + k, importer)));
        return new InstanceValue(wrapped);
      }
      return value;
    }
  }

  /** An import nobody provides, allowed to trap when called. */
  record Stub() implements Binding {
    @Override
    public Object value(ScopePlan.ImportSlot slot, Root root) {
      for (ResourceType placeholder : slot.resources().values()) {
        root.defineExternalResource(placeholder, Optional.empty());
      }
      return switch (slot.item()) {
        case StaticItem.FuncItem f -> new TrapFunc(f.sig(), root.componentName(), slot.name());
        case StaticItem.InstanceItem i -> stubInstance(slot.name(), i, root);
        case StaticItem.TypeItem t -> NoValue.NONE;
        case StaticItem.ComponentItem c -> NoValue.NONE;
        case StaticItem.ModuleItem m -> NoValue.NONE;
        case StaticItem.OpaqueItem o -> NoValue.NONE;
      };
    }

    private static InstanceValue stubInstance(
        String name, StaticItem.InstanceItem shape, Root root) {
      Map<String, Object> funcs = new LinkedHashMap<>();
      for (Map.Entry<String, StaticItem> e : shape.exports().entrySet()) {
        if (e.getValue() instanceof StaticItem.FuncItem f) {
          Func stub = new TrapFunc(f.sig(), root.componentName(), name + "#" + e.getKey());
          funcs.put(e.getKey(), stub);
        }
      }
      return new InstanceValue(funcs);
    }
  }

  /** A type import: nothing at runtime; its abstract resources have no destructor. */
  record TypeOnly() implements Binding {
    @Override
    public Object value(ScopePlan.ImportSlot slot, Root root) {
      for (ResourceType placeholder : slot.resources().values()) {
        root.defineExternalResource(placeholder, Optional.empty());
      }
      return NoValue.NONE;
    }
  }

  /** The value of an import slot that has no runtime value. */
  enum NoValue {
    NONE
  }
}
