package dev.trellis.host.engine;

import dev.trellis.host.engine.internal.plan.ScopePlan;
import dev.trellis.host.engine.internal.plan.StaticItem;
import dev.trellis.host.engine.internal.types.FuncSig;
import dev.trellis.host.engine.spi.HostInterface;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds what serves one import slot (a linked instance's export first, then a host interface, by
 * exact name or semver-compatible version) and checks every function the import needs, writing one
 * problem sentence per unsatisfied function.
 */
final class ImportMatcher {
  private final String component;
  private final ScopePlan.ImportSlot slot;
  private final List<HostInterface> hosts;
  private final List<ComponentInstance> instances;

  ImportMatcher(
      String component,
      ScopePlan.ImportSlot slot,
      List<HostInterface> hosts,
      List<ComponentInstance> instances) {
    this.component = component;
    this.slot = slot;
    this.hosts = hosts;
    this.instances = instances;
  }

  /** A provider candidate: something named {@code name}. */
  private record Candidate<T>(String name, T provider) {}

  Binding instance(StaticItem.InstanceItem wanted, List<String> problems) {
    Optional<Candidate<ComponentInstance>> provider =
        best(instanceCandidates(StaticItem.InstanceItem.class));
    if (provider.isPresent()) {
      ComponentInstance instance = provider.get().provider();
      String export = provider.get().name();
      StaticItem.InstanceItem have = (StaticItem.InstanceItem) instance.exportShape(export).get();
      checkInstanceFunctions(wanted, have, instance.name(), export, problems);
      return new Binding.Instance(instance, export);
    }
    Optional<Candidate<HostInterface>> host = best(hostCandidates());
    if (host.isPresent()) {
      checkHostFunctions(wanted, host.get().provider(), problems);
      return new Binding.Host(host.get().provider());
    }
    boolean anyFunction = false;
    for (Map.Entry<String, StaticItem> e : wanted.exports().entrySet()) {
      if (e.getValue() instanceof StaticItem.FuncItem) {
        anyFunction = true;
        problems.add(
            prefix("function '" + e.getKey() + "'") + "no host interface or instance provides it");
      }
    }
    if (!anyFunction) {
      problems.add(prefix("interface") + "no host interface or instance provides it");
    }
    return new Binding.Stub();
  }

  Binding function(StaticItem.FuncItem wanted, List<String> problems) {
    for (ComponentInstance instance : instances) {
      Optional<StaticItem> shape = instance.exportShape(slot.name());
      if (shape.isPresent() && shape.get() instanceof StaticItem.FuncItem have) {
        if (!TypeCompatibility.compatible(wanted.sig(), have.sig())) {
          problems.add(
              prefix("function")
                  + "instance '"
                  + instance.name()
                  + "' exports it with another signature");
        }
        return new Binding.InstanceFunction(instance, slot.name());
      }
    }
    for (HostInterface host : hosts) {
      if (host.name().equals(Linker.ROOT)) {
        Optional<HostInterface.Implementation> impl = host.function(slot.name());
        if (impl.isPresent()) {
          checkKind(wanted.sig(), impl.get(), "function", "host function", problems);
          return new Binding.HostFunction(impl.get());
        }
      }
    }
    problems.add(prefix("function") + "no host function or instance provides it");
    return new Binding.Stub();
  }

  Binding unsupported(String kind, List<String> problems) {
    problems.add(prefix(kind) + "imports of this kind are not supported");
    return new Binding.Stub();
  }

  private void checkInstanceFunctions(
      StaticItem.InstanceItem wanted,
      StaticItem.InstanceItem have,
      String provider,
      String export,
      List<String> problems) {
    for (Map.Entry<String, StaticItem> e : wanted.exports().entrySet()) {
      if (!(e.getValue() instanceof StaticItem.FuncItem f)) {
        continue;
      }
      String what = "function '" + e.getKey() + "'";
      Optional<StaticItem> theirs = have.export(e.getKey());
      if (theirs.isEmpty() || !(theirs.get() instanceof StaticItem.FuncItem h)) {
        problems.add(prefix(what) + "instance '" + provider + "' export '" + export + "' lacks it");
      } else if (!TypeCompatibility.compatible(f.sig(), h.sig())) {
        problems.add(
            prefix(what)
                + "instance '"
                + provider
                + "' export '"
                + export
                + "' has it with another signature");
      }
    }
  }

  private void checkHostFunctions(
      StaticItem.InstanceItem wanted, HostInterface host, List<String> problems) {
    for (Map.Entry<String, StaticItem> e : wanted.exports().entrySet()) {
      if (!(e.getValue() instanceof StaticItem.FuncItem f)) {
        continue;
      }
      String what = "function '" + e.getKey() + "'";
      Optional<HostInterface.Implementation> impl = host.function(e.getKey());
      if (impl.isEmpty()) {
        problems.add(prefix(what) + "host interface '" + host.name() + "' does not implement it");
      } else {
        checkKind(f.sig(), impl.get(), what, "host interface '" + host.name() + "'", problems);
      }
    }
  }

  private void checkKind(
      FuncSig sig,
      HostInterface.Implementation impl,
      String what,
      String provider,
      List<String> problems) {
    boolean returns =
        switch (impl) {
          case HostInterface.Returning r -> true;
          case HostInterface.Action a -> false;
        };
    if (returns != sig.result().isPresent()) {
      problems.add(
          prefix(what)
              + provider
              + (returns
                  ? " implements it with a result but the import has none"
                  : " implements it without a result but the import returns "
                      + sig.result().get()));
    }
  }

  private <T> List<Candidate<ComponentInstance>> instanceCandidates(Class<T> kind) {
    return instances.stream()
        .flatMap(
            i ->
                i.definition().plan().exportShape().exports().entrySet().stream()
                    .filter(e -> kind.isInstance(e.getValue()))
                    .map(e -> new Candidate<>(e.getKey(), i)))
        .toList();
  }

  private List<Candidate<HostInterface>> hostCandidates() {
    return hosts.stream().map(h -> new Candidate<>(h.name(), h)).toList();
  }

  /** The exact match, else the highest semver-compatible version. */
  private <T> Optional<Candidate<T>> best(List<Candidate<T>> candidates) {
    for (Candidate<T> c : candidates) {
      if (c.name().equals(slot.name())) {
        return Optional.of(c);
      }
    }
    Optional<InterfaceName> wanted = InterfaceName.parse(slot.name());
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    Optional<Candidate<T>> best = Optional.empty();
    Optional<InterfaceName> bestName = Optional.empty();
    for (Candidate<T> c : candidates) {
      Optional<InterfaceName> have = InterfaceName.parse(c.name());
      if (have.isPresent()
          && have.get().satisfies(wanted.get())
          && (bestName.isEmpty() || newer(have.get(), bestName.get()))) {
        best = Optional.of(c);
        bestName = have;
      }
    }
    return best;
  }

  private static boolean newer(InterfaceName a, InterfaceName b) {
    return a.version().isPresent()
        && b.version().isPresent()
        && a.version().get().compareTo(b.version().get()) > 0;
  }

  private String prefix(String what) {
    return "component '"
        + component
        + "' import '"
        + slot.name()
        + "' ("
        + what
        + ") is not satisfied: ";
  }
}
