package dev.trellis.host.plugin;

import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Calls an export of a bound component the way the host does for any invocation: on a pooled or
 * fresh instance, counted for draining, refused once the workload stops. Plugins that drive exports
 * (message handlers, HTTP handlers) receive one in their {@link BindRequest}; it works from {@link
 * ComponentBinding#start()} until {@link ComponentBinding#stop()}.
 */
public interface ComponentInvoker {

  /**
   * Calls {@code function} (e.g. {@code wasmcloud:messaging/handler@0.2.0#handle-message}).
   *
   * @return the result, empty for a function without one
   * @throws dev.trellis.host.HostException if the workload is not running, the component has no
   *     such export, or the guest traps
   */
  Optional<WitValue> invoke(String function, List<WitValue> args);

  /**
   * Runs {@code body} as one invocation (counted for draining, refused once the workload stops)
   * with an instance lent for its duration; the instance goes back to the pool (or away) when
   * {@code body} returns and must not be used after.
   *
   * @throws dev.trellis.host.HostException if the workload is not running
   */
  <T> T withInstance(Function<InstanceLease, T> body);

  /**
   * {@link #withInstance(Function)} for a call of {@code function} that {@code body} makes itself
   * (e.g. {@code wasi:http/incoming-handler#handle}), so the invocation's metrics and span name it.
   */
  default <T> T withInstance(String function, Function<InstanceLease, T> body) {
    return withInstance(body);
  }
}
