package dev.trellis.host.engine.internal.runtime;

import dev.trellis.host.HostException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A component instance as a value: its runtime exports by name (functions and instances; types and
 * components are static and live in the plan). Top-level imports, nested instantiations and inline
 * instance bags all produce one.
 */
public final class InstanceValue {
  private final Map<String, Object> exports;

  public InstanceValue(Map<String, Object> exports) {
    this.exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
  }

  /** All runtime exports, in order: {@link Func} or {@link InstanceValue}. */
  public Map<String, Object> exports() {
    return exports;
  }

  /** The function exported as {@code name}. */
  public Func func(String name) {
    if (exports.get(name) instanceof Func f) {
      return f;
    }
    throw new HostException("instance has no function export '" + name + "'");
  }

  /** The instance exported as {@code name}. */
  public InstanceValue instance(String name) {
    if (exports.get(name) instanceof InstanceValue i) {
      return i;
    }
    throw new HostException("instance has no instance export '" + name + "'");
  }
}
