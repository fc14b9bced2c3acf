package dev.trellis.host.engine.spi;

/**
 * What a host function can reach while a guest calls it: which component instance is calling and
 * which import, the instance's {@link HostState} and its host-side {@link ResourceTable}. One
 * context exists per instance and imported function; do not keep it beyond the instance's life.
 */
public interface CallContext {

  /** The name of the calling component (for messages and logs). */
  String componentName();

  /**
   * The import being called, qualified as the guest imports it, e.g. {@code
   * wasi:io/streams@0.2.6#[method]output-stream.write} (a world-level import is just its name).
   */
  String functionName();

  /** The calling instance's host state. */
  HostState state();

  /** The calling instance's host state of type {@code key}; see {@link HostState#get}. */
  default <T> T state(Class<T> key) {
    return state().get(key);
  }

  /** The calling instance's host-side resource table. */
  ResourceTable resources();
}
