package dev.trellis.host.workload;

import dev.trellis.host.HostException;
import dev.trellis.host.plugin.ComponentInvoker;
import dev.trellis.host.plugin.InstanceLease;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@link ComponentInvoker} handed to plugins at bind time, before the component's runtime
 * exists; it works once {@link #attach} is called and refuses calls before that.
 */
final class LateInvoker implements ComponentInvoker {
  private final String workloadId;
  private final String component;
  private volatile Optional<ComponentRuntime> runtime = Optional.empty();

  LateInvoker(String workloadId, String component) {
    this.workloadId = workloadId;
    this.component = component;
  }

  void attach(ComponentRuntime target) {
    runtime = Optional.of(target);
  }

  @Override
  public Optional<WitValue> invoke(String function, List<WitValue> args) {
    return runtime().invoke(function, args);
  }

  @Override
  public <T> T withInstance(Function<InstanceLease, T> body) {
    return runtime().lease(ComponentRuntime.LEASE, body);
  }

  @Override
  public <T> T withInstance(String function, Function<InstanceLease, T> body) {
    return runtime().lease(function, body);
  }

  private ComponentRuntime runtime() {
    return runtime.orElseThrow(
        () ->
            new HostException(
                "component '"
                    + component
                    + "' of workload '"
                    + workloadId
                    + "' cannot be invoked (not started, or a service)"));
  }
}
