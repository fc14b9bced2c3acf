package dev.trellis.host.workload;

import dev.trellis.host.plugin.ComponentInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders component plans so that every exporter comes before its importers (Kahn's algorithm,
 * stable in request order), the service last. In-process links must not form a cycle: an instance
 * can only be linked to instances that already exist.
 */
final class DependencyOrder {
  private DependencyOrder() {}

  static List<LinkPlan.ComponentPlan> sort(List<LinkPlan.ComponentPlan> plans) {
    Map<String, LinkPlan.ComponentPlan> pending = new LinkedHashMap<>();
    List<LinkPlan.ComponentPlan> services = new ArrayList<>();
    for (LinkPlan.ComponentPlan p : plans) {
      if (p.component().spec().kind() == ComponentInfo.Kind.SERVICE) {
        services.add(p);
      } else {
        pending.put(p.name(), p);
      }
    }
    List<LinkPlan.ComponentPlan> sorted = new ArrayList<>();
    while (!pending.isEmpty()) {
      LinkPlan.ComponentPlan ready =
          pending.values().stream()
              .filter(p -> p.siblings().stream().noneMatch(pending::containsKey))
              .findFirst()
              .orElseThrow(() -> cycle(pending));
      sorted.add(ready);
      pending.remove(ready.name());
    }
    sorted.addAll(services);
    return sorted;
  }

  private static WorkloadException cycle(Map<String, LinkPlan.ComponentPlan> pending) {
    List<String> edges = new ArrayList<>();
    pending.values().stream()
        .forEach(
            p ->
                p.siblings().stream()
                    .filter(pending::containsKey)
                    .forEach(s -> edges.add(p.name() + " → " + s)));
    return new WorkloadException(
        "components import each other's exports in a cycle ("
            + String.join(", ", edges)
            + "); in-process links must not form a cycle");
  }
}
