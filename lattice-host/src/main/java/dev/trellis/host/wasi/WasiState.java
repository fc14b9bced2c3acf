package dev.trellis.host.wasi;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.spi.CallContext;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The WASI state of one component instance, kept in its {@link
 * dev.trellis.host.engine.spi.HostState}: the {@link WasiContext} it was given, its shared standard
 * input and its insecure seed (fixed for the instance's life, as WASI requires). Created on the
 * first WASI call from the context the embedder put in the host state, or from the fallback context
 * the interfaces were built with.
 */
final class WasiState {
  private final WasiContext context;
  private final InputStreamSource stdin;
  private final AtomicReference<long[]> seed = new AtomicReference<>();

  private WasiState(WasiContext context) {
    this.context = context;
    this.stdin = new InputStreamSource(context.stdin().orElse(InputStream.nullInputStream()));
  }

  /**
   * The state of the calling instance, created on first use.
   *
   * @throws HostException if neither the instance's host state nor {@code fallback} has a context
   */
  static WasiState of(CallContext call, Optional<WasiContext> fallback) {
    Optional<WasiState> existing = call.state().find(WasiState.class);
    if (existing.isPresent()) {
      return existing.get();
    }
    WasiContext context =
        call.state()
            .find(WasiContext.class)
            .or(() -> fallback)
            .orElseThrow(
                () ->
                    new HostException(
                        "component '"
                            + call.componentName()
                            + "' called "
                            + call.functionName()
                            + " but its host state has no WasiContext; put one there"
                            + " (Wasi.hostState) or build the interfaces with Wasi.interfaces(ctx)"));
    return call.state().computeIfAbsent(WasiState.class, () -> new WasiState(context));
  }

  WasiContext context() {
    return context;
  }

  WasiInputStream stdin() {
    return stdin;
  }

  /** The insecure seed: two longs drawn from the secure source on first use, then fixed. */
  long[] insecureSeed() {
    long[] current = seed.get();
    if (current == null) {
      long[] drawn = {context.random().nextLong(), context.random().nextLong()};
      current = seed.compareAndSet(null, drawn) ? drawn : seed.get();
    }
    return current.clone();
  }
}
