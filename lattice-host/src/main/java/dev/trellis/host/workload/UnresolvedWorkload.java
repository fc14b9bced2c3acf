package dev.trellis.host.workload;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.ComponentInstance;
import dev.trellis.host.engine.ComponentTrapException;
import dev.trellis.host.engine.InstanceLimits;
import dev.trellis.host.engine.InterfaceName;
import dev.trellis.host.engine.LinkException;
import dev.trellis.host.engine.Linker;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.plugin.BindRequest;
import dev.trellis.host.plugin.ComponentBinding;
import dev.trellis.host.plugin.ComponentIdentity;
import dev.trellis.host.plugin.ComponentInfo;
import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.wrpc.Telemetry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A workload nothing has been acquired for yet. {@link #resolve} takes it to {@link
 * ResolvedWorkload} all or nothing: images fetched, binaries loaded once per digest, imports
 * planned (siblings, then plugins), plugins bound, volumes made, every component instantiated once
 * (proving it links and its start functions do not trap) and its warm pool filled. Any failure
 * releases what was acquired, through the workload's one {@link Teardown}, and names the cause.
 *
 * @param spec the workload
 */
public record UnresolvedWorkload(WorkloadSpec spec) implements WorkloadStage {
  public UnresolvedWorkload {
    Objects.requireNonNull(spec, "spec");
  }

  /**
   * Resolves the workload.
   *
   * @throws WorkloadException naming the cause; nothing stays bound, instantiated or made
   */
  public ResolvedWorkload resolve(WorkloadContext context) {
    Teardown teardown = new Teardown(spec.id());
    try {
      return new Resolution(spec, context, teardown).run();
    } catch (RuntimeException e) {
      teardown.run();
      if (e instanceof WorkloadException w) {
        throw w;
      }
      throw new WorkloadException("workload '" + spec.id() + "' cannot start: " + e, e);
    }
  }

  /** The mutable work of one resolution; everything it acquires goes into the teardown. */
  private static final class Resolution {
    private final WorkloadSpec spec;
    private final WorkloadContext context;
    private final Teardown teardown;
    private final InFlight inFlight = new InFlight();
    private final Map<String, InstanceFactory> factories = new ConcurrentHashMap<>();
    private final Map<String, ComponentRuntime> runtimes = new LinkedHashMap<>();
    private final List<ResolvedWorkload.Bound> bound = new ArrayList<>();
    private final Set<String> boundPlugins = new HashSet<>();
    private Optional<ResolvedWorkload.Service> service = Optional.empty();

    Resolution(WorkloadSpec spec, WorkloadContext context, Teardown teardown) {
      this.spec = spec;
      this.context = context;
      this.teardown = teardown;
    }

    ResolvedWorkload run() {
      List<LoadedComponent> loaded = context.images().load(spec);
      LinkPlan plan = LinkPlanner.plan(spec, loaded, context.plugins());
      Volumes volumes = Volumes.prepare(spec, context.scratchDir(), teardown);
      for (LinkPlan.ComponentPlan component : plan.components()) {
        resolveComponent(component, volumes);
      }
      return new ResolvedWorkload(spec, runtimes, service, bound, teardown, inFlight);
    }

    private void resolveComponent(LinkPlan.ComponentPlan plan, Volumes volumes) {
      WorkloadSpec.Component c = plan.component().spec();
      LateInvoker invoker = new LateInvoker(spec.id(), c.name());
      Map<String, ComponentBinding> byPlugin = bind(plan, info(c, volumes), invoker);
      List<ComponentBinding> bindings = List.copyOf(byPlugin.values());
      ComponentIdentity identity = new ComponentIdentity(spec.id(), spec.name(), c.name());
      ComponentInstance first;
      try {
        InstanceFactory factory =
            new InstanceFactory(
                plan.component().definition(),
                identity,
                linker(plan, byPlugin, context.telemetry()),
                plan.siblings(),
                factories,
                bindings);
        factories.put(c.name(), factory);
        first = factory.instantiate();
      } catch (LinkException e) {
        throw new WorkloadException(
            "component '" + c.name() + "' does not link: " + e.getMessage(), e);
      } catch (ComponentTrapException e) {
        throw new WorkloadException(
            "trap in start of component '" + c.name() + "': " + e.getMessage(), e);
      }
      switch (c.kind()) {
        case COMPONENT -> {
          ComponentRuntime runtime =
              new ComponentRuntime(
                  spec.id(), c, factories.get(c.name()), inFlight, context.telemetry());
          teardown.add("remove meters of " + c.name(), runtime::closeMeters);
          runtime.warm(first);
          invoker.attach(runtime);
          runtimes.put(c.name(), runtime);
        }
        case SERVICE ->
            service =
                Optional.of(
                    new ResolvedWorkload.Service(
                        new ServiceRunner(
                            spec.id(), c.name(), factories.get(c.name()), c.maxRestarts()),
                        first));
      }
    }

    /** Binds every plugin the component uses; its bindings by plugin id, in plan order. */
    private Map<String, ComponentBinding> bind(
        LinkPlan.ComponentPlan plan, ComponentInfo info, LateInvoker invoker) {
      Map<String, ComponentBinding> bindings = new LinkedHashMap<>();
      for (LinkPlan.PluginUse use : plan.plugins()) {
        HostPlugin plugin = use.plugin();
        ComponentBinding binding;
        try {
          binding =
              plugin.bind(
                  new BindRequest(
                      spec.info(),
                      info,
                      use.entries(),
                      use.imports(),
                      use.exports(),
                      invoker,
                      use.exportSignatures()));
        } catch (HostException | IllegalArgumentException e) {
          throw new WorkloadException(
              "plugin '"
                  + plugin.id()
                  + "' refused component '"
                  + info.name()
                  + "': "
                  + e.getMessage(),
              e);
        }
        if (boundPlugins.add(plugin.id())) {
          teardown.add("unbind plugin " + plugin.id(), () -> plugin.unbind(spec.info()));
        }
        Runnable stop = ResolvedWorkload.Bound.once(binding::stop);
        teardown.add("stop binding " + plugin.id() + "/" + info.name(), stop);
        bindings.put(plugin.id(), binding);
        bound.add(new ResolvedWorkload.Bound(plugin.id(), info.name(), binding, stop));
      }
      return bindings;
    }

    private static ComponentInfo info(WorkloadSpec.Component c, Volumes volumes) {
      WorkloadSpec.Resources r = c.resources();
      return new ComponentInfo(
          c.name(),
          c.kind(),
          c.image(),
          r.environment(),
          r.config(),
          volumes.preopens(c),
          r.allowedHosts(),
          r.memoryLimitMb());
    }

    /**
     * A linker with the limits of the component and exactly the plugin interfaces planned (a
     * binding's own implementations where it has them).
     */
    private static Linker linker(
        LinkPlan.ComponentPlan plan, Map<String, ComponentBinding> bindings, Telemetry telemetry) {
      int mb = plan.component().spec().resources().memoryLimitMb();
      InstanceLimits limits =
          mb > 0 ? InstanceLimits.NONE.withMaxMemoryBytes(mb * 1024L * 1024L) : InstanceLimits.NONE;
      Linker linker = Linker.create().withLimits(limits);
      if (telemetry.tracing()) {
        linker = linker.withLinkTracing(telemetry.tracer());
      }
      for (LinkPlan.PluginUse use : plan.plugins()) {
        List<HostInterface> own = bindings.get(use.plugin().id()).hostInterfaces();
        for (HostInterface h : own.isEmpty() ? use.plugin().hostInterfaces() : own) {
          if (use.imports().stream().anyMatch(i -> serves(h, i))) {
            linker = linker.withHostInterface(h);
          }
        }
        linker = linker.withHostInterfaces(use.generated());
      }
      return linker;
    }

    private static boolean serves(HostInterface h, String wanted) {
      if (h.name().equals(Linker.ROOT)) {
        return h.function(wanted).isPresent();
      }
      String provided = h.name();
      if (provided.equals(wanted)) {
        return true;
      }
      Optional<InterfaceName> have = InterfaceName.parse(provided);
      Optional<InterfaceName> want = InterfaceName.parse(wanted);
      return have.isPresent() && want.isPresent() && have.get().satisfies(want.get());
    }
  }
}
