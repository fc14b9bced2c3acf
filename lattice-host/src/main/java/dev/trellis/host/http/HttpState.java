package dev.trellis.host.http;

import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostState;
import dev.trellis.host.engine.spi.ResourceTable;
import dev.trellis.host.wasi.WasiError;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code wasi:http} state of one component instance, kept in its {@link HostState}: the table
 * of its HTTP resources (requests, responses, fields, bodies, futures) and the HTTP error codes
 * behind the {@code wasi:io/error}s its body streams produced (for {@code http-error-code}).
 *
 * <p>HTTP resources live in their own table rather than the instance's shared one because the
 * server creates the incoming request and the response outparam before the guest runs, outside of
 * any host call; reps only need to be unique per resource type.
 */
final class HttpState {
  private final ResourceTable table = new ResourceTable();
  private final Map<WasiError, HttpErrorCode> errors = new IdentityHashMap<>();

  /** The state of {@code state}'s instance, created on first use. */
  static HttpState of(HostState state) {
    Optional<HttpState> existing = state.find(HttpState.class);
    return existing.isPresent()
        ? existing.get()
        : state.computeIfAbsent(HttpState.class, HttpState::new);
  }

  /** The state of the calling instance. */
  static HttpState of(CallContext context) {
    return of(context.state());
  }

  ResourceTable table() {
    return table;
  }

  /** Remembers that {@code error} (handed to the guest) stands for {@code code}. */
  void recordError(WasiError error, HttpErrorCode code) {
    errors.put(error, code);
  }

  /** The HTTP error code behind {@code error}, if the HTTP plugin made it. */
  Optional<HttpErrorCode> errorCode(WasiError error) {
    return Optional.ofNullable(errors.get(error));
  }
}
