package dev.trellis.host.workload;

import java.util.List;
import java.util.Objects;

/**
 * Something that happened to a workload on this host, published as a CloudEvent by {@link
 * WorkloadEvents}.
 */
public sealed interface WorkloadEvent {

  /** The workload's id. */
  String workloadId();

  /** The workload's name. */
  String name();

  /** The event name in subjects and CloudEvent types, e.g. {@code workload_started}. */
  String eventName();

  /** The workload is running. */
  record Started(String workloadId, String name, String namespace, List<String> components)
      implements WorkloadEvent {
    public Started {
      Objects.requireNonNull(workloadId, "workloadId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(namespace, "namespace");
      components = List.copyOf(components);
    }

    @Override
    public String eventName() {
      return "workload_started";
    }
  }

  /** The workload stopped (on request, or its service completed). */
  record Stopped(String workloadId, String name, String message) implements WorkloadEvent {
    public Stopped {
      Objects.requireNonNull(workloadId, "workloadId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String eventName() {
      return "workload_stopped";
    }
  }

  /** The workload could not start, or its service failed for good. */
  record Failed(String workloadId, String name, String message) implements WorkloadEvent {
    public Failed {
      Objects.requireNonNull(workloadId, "workloadId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String eventName() {
      return "workload_failed";
    }
  }
}
