package dev.trellis.host.workload;

/** Where a host reports what happens to its workloads; {@link #NONE} for embedders. */
@FunctionalInterface
public interface WorkloadEvents {

  /** Reports nothing. */
  WorkloadEvents NONE = event -> {};

  /** Reports {@code event}; must not throw or block for long. */
  void publish(WorkloadEvent event);
}
