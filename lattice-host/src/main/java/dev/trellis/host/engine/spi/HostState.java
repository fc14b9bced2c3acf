package dev.trellis.host.engine.spi;

import dev.trellis.host.HostException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Per-instance state for host functions, keyed by type: a WASI context with the arguments and
 * environment of one invocation, an HTTP request being served, a key-value bucket binding. Every
 * component instance has exactly one, reachable from each {@link CallContext} of its host calls;
 * the embedder fills it before instantiating ({@code HostState.create().put(WasiContext.class,
 * ctx)}) or a host function creates entries lazily with {@link #computeIfAbsent}.
 *
 * <p>Keys are classes so that unrelated plugins cannot collide; use a plugin-private class as the
 * key for private state.
 */
public final class HostState {
  private final Map<Class<?>, Object> values = new ConcurrentHashMap<>();

  private HostState() {}

  /** An empty state. */
  public static HostState create() {
    return new HostState();
  }

  /** Stores {@code value} under {@code key}, replacing any earlier value; returns this state. */
  public <T> HostState put(Class<T> key, T value) {
    Objects.requireNonNull(key, "key");
    values.put(key, key.cast(Objects.requireNonNull(value, "value")));
    return this;
  }

  /** The value stored under {@code key}, if any. */
  public <T> Optional<T> find(Class<T> key) {
    return Optional.ofNullable(values.get(key)).map(key::cast);
  }

  /**
   * The value stored under {@code key}.
   *
   * @throws HostException if there is none: the embedder did not provide state a host function
   *     needs
   */
  public <T> T get(Class<T> key) {
    return find(key)
        .orElseThrow(
            () ->
                new HostException(
                    "no host state of type "
                        + key.getName()
                        + " was provided for this component instance"));
  }

  /** The value under {@code key}, created by {@code factory} and stored if there is none yet. */
  public <T> T computeIfAbsent(Class<T> key, Supplier<? extends T> factory) {
    return key.cast(values.computeIfAbsent(key, k -> Objects.requireNonNull(factory.get())));
  }

  /** Removes and returns the value under {@code key}, if any. */
  public <T> Optional<T> remove(Class<T> key) {
    return Optional.ofNullable(values.remove(key)).map(key::cast);
  }
}
