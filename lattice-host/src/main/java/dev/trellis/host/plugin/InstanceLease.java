package dev.trellis.host.plugin;

import dev.trellis.host.engine.ComponentInstance;
import dev.trellis.host.engine.ComponentPre;
import java.util.Objects;

/**
 * An instance of a bound component lent to a plugin for one invocation that needs more than a
 * function call (an HTTP request whose resources go into the instance's host state first). Valid
 * only inside {@link ComponentInvoker#withInstance}.
 *
 * @param pre how instances of the component are prepared (its definition and imports resolved); for
 *     a component linked to siblings, the link of an equivalent instance tree
 * @param instance the instance to run, pooled or fresh per the workload's settings
 */
public record InstanceLease(ComponentPre pre, ComponentInstance instance) {
  public InstanceLease {
    Objects.requireNonNull(pre, "pre");
    Objects.requireNonNull(instance, "instance");
  }
}
