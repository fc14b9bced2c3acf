package dev.trellis.host.plugin;

import java.util.Objects;

/**
 * Who is calling a host function: put into the {@link dev.trellis.host.engine.spi.HostState} of
 * every instance a workload creates, before any plugin's {@link ComponentBinding#initialize}, so
 * host functions can log and meter per workload and component ({@code
 * ctx.state(ComponentIdentity.class)}).
 *
 * @param workloadId the workload's id
 * @param workloadName the workload's name
 * @param component the component's name within the workload
 */
public record ComponentIdentity(String workloadId, String workloadName, String component) {
  public ComponentIdentity {
    Objects.requireNonNull(workloadId, "workloadId");
    Objects.requireNonNull(workloadName, "workloadName");
    Objects.requireNonNull(component, "component");
  }
}
