package dev.trellis.host.plugin;

import java.util.Map;
import java.util.Objects;

/**
 * The workload a plugin is bound to, as plugins see it.
 *
 * @param id the workload id the Host API addresses it by
 * @param name the workload's name
 * @param namespace the workload's namespace (may be empty)
 * @param annotations the workload's annotations
 */
public record WorkloadInfo(
    String id, String name, String namespace, Map<String, String> annotations) {
  public WorkloadInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    annotations = Map.copyOf(annotations);
  }
}
