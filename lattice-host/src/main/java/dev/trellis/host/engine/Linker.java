package dev.trellis.host.engine;

import dev.trellis.host.engine.internal.plan.ScopePlan;
import dev.trellis.host.engine.internal.plan.StaticItem;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.HostState;
import io.opentelemetry.api.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Satisfies a component's imports and instantiates it. Imports are served, in this order of
 * preference, by exports of other {@link ComponentInstance}s given with {@link #withInstance}
 * (linked in-process: the importer's lowered call goes straight to the exporter's lifted function)
 * and by {@link HostInterface}s given with {@link #withHostInterface}. Interface names match with
 * WASI semver rules (see {@link InterfaceName}); world-level function imports are served by a host
 * interface named {@value #ROOT} or by world-level function exports of a linked instance.
 *
 * <p>Linking fails with a {@link LinkException} that lists every unsatisfied import. With {@link
 * #withTrapUnknownImports} the non-WASI ones are instead replaced by stubs that trap, naming the
 * import, only if called.
 *
 * <p>Immutable: each {@code with} method returns a new linker.
 */
public final class Linker {
  private static final Logger LOG = LoggerFactory.getLogger(Linker.class);

  /** The name of a host interface that serves world-level (un-namespaced) function imports. */
  public static final String ROOT = "$root";

  private final List<HostInterface> hosts;
  private final List<ComponentInstance> instances;
  private final boolean trapUnknownImports;
  private final InstanceLimits limits;
  private final Optional<Tracer> linkTracer;

  private Linker(
      List<HostInterface> hosts,
      List<ComponentInstance> instances,
      boolean trapUnknownImports,
      InstanceLimits limits,
      Optional<Tracer> linkTracer) {
    this.hosts = List.copyOf(hosts);
    this.instances = List.copyOf(instances);
    this.trapUnknownImports = trapUnknownImports;
    this.limits = limits;
    this.linkTracer = linkTracer;
  }

  /** A linker that provides nothing, with no limits. */
  public static Linker create() {
    return new Linker(List.of(), List.of(), false, InstanceLimits.NONE, Optional.empty());
  }

  /** This linker also serving {@code host}'s interface. */
  public Linker withHostInterface(HostInterface host) {
    List<HostInterface> more = new ArrayList<>(hosts);
    more.add(Objects.requireNonNull(host, "host"));
    return new Linker(more, instances, trapUnknownImports, limits, linkTracer);
  }

  /** This linker also serving every interface in {@code hostInterfaces}. */
  public Linker withHostInterfaces(List<HostInterface> hostInterfaces) {
    Linker linker = this;
    for (HostInterface h : hostInterfaces) {
      linker = linker.withHostInterface(h);
    }
    return linker;
  }

  /** This linker also serving every export of {@code instance} (linked in-process). */
  public Linker withInstance(ComponentInstance instance) {
    List<ComponentInstance> more = new ArrayList<>(instances);
    more.add(Objects.requireNonNull(instance, "instance"));
    return new Linker(hosts, more, trapUnknownImports, limits, linkTracer);
  }

  /** This linker replacing unsatisfied non-WASI imports with trapping stubs (or not). */
  public Linker withTrapUnknownImports(boolean trap) {
    return new Linker(hosts, instances, trap, limits, linkTracer);
  }

  /** This linker applying {@code instanceLimits} to every instance it creates. */
  public Linker withLimits(InstanceLimits instanceLimits) {
    return new Linker(
        hosts,
        instances,
        trapUnknownImports,
        Objects.requireNonNull(instanceLimits, "limits"),
        linkTracer);
  }

  /**
   * This linker making every call across an in-process link (an import served by a linked instance)
   * a span of {@code tracer}, child of the caller's current span. Without it such calls cost
   * nothing extra and keep their flat fast path.
   */
  public Linker withLinkTracing(Tracer tracer) {
    return new Linker(
        hosts,
        instances,
        trapUnknownImports,
        limits,
        Optional.of(Objects.requireNonNull(tracer, "tracer")));
  }

  /**
   * Resolves every import of {@code definition}.
   *
   * @throws LinkException listing every import that cannot be satisfied
   */
  public ComponentPre prepare(ComponentDefinition definition) {
    List<Binding> bindings = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ScopePlan.ImportSlot slot : definition.plan().imports()) {
      bindings.add(bind(definition.name(), slot, problems));
    }
    if (!problems.isEmpty()) {
      LOG.debug(
          "component link failed component={} unsatisfied={}", definition.name(), problems.size());
      throw new LinkException(definition.name(), problems);
    }
    if (LOG.isDebugEnabled()) {
      List<ScopePlan.ImportSlot> slots = definition.plan().imports();
      for (int i = 0; i < slots.size(); i++) {
        LOG.debug(
            "import linked component={} import={} provider={}",
            definition.name(),
            slots.get(i).name(),
            bindings.get(i));
      }
    }
    return new ComponentPre(definition, bindings, limits);
  }

  /** Links and instantiates {@code definition} with empty host state. */
  public ComponentInstance instantiate(ComponentDefinition definition) {
    return prepare(definition).instantiate();
  }

  /** Links and instantiates {@code definition}; its host functions see {@code state}. */
  public ComponentInstance instantiate(ComponentDefinition definition, HostState state) {
    return prepare(definition).instantiate(state);
  }

  private Binding bind(String component, ScopePlan.ImportSlot slot, List<String> problems) {
    ImportMatcher matcher = new ImportMatcher(component, slot, hosts, instances);
    List<String> found = new ArrayList<>();
    Binding binding =
        switch (slot.item()) {
          case StaticItem.InstanceItem i -> matcher.instance(i, found);
          case StaticItem.FuncItem f -> matcher.function(f, found);
          case StaticItem.TypeItem t -> new Binding.TypeOnly();
          case StaticItem.ComponentItem c -> matcher.unsupported("component", found);
          case StaticItem.ModuleItem m -> matcher.unsupported("core module", found);
          case StaticItem.OpaqueItem o -> matcher.unsupported(o.sort().label(), found);
        };
    if (found.isEmpty()) {
      return traced(binding);
    }
    boolean wasi = InterfaceName.parse(slot.name()).map(InterfaceName::isWasi).orElse(false);
    if (trapUnknownImports && !wasi && !(slot.item() instanceof StaticItem.OpaqueItem)) {
      return binding instanceof Binding.Host ? binding : new Binding.Stub();
    }
    problems.addAll(found);
    return binding;
  }

  private Binding traced(Binding binding) {
    if (linkTracer.isEmpty()) {
      return binding;
    }
    return switch (binding) {
      case Binding.Instance i -> new Binding.Traced(i, i.provider(), linkTracer.get());
      case Binding.InstanceFunction f -> new Binding.Traced(f, f.provider(), linkTracer.get());
      default -> binding;
    };
  }
}
