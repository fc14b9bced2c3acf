package dev.trellis.host.wasi;

import java.util.Objects;

/**
 * Why a {@code wasi:io/streams} operation did not succeed, mirroring the WIT {@code stream-error}
 * variant: the stream is closed (end of input, or the reader went away), or the last operation
 * failed with an {@link WasiError}.
 */
public sealed interface StreamError {

  /** {@code closed}: no more data will come, or none will be accepted. */
  record Closed() implements StreamError {}

  /** {@code last-operation-failed(error)}. */
  record Failed(WasiError error) implements StreamError {
    public Failed {
      Objects.requireNonNull(error, "error");
    }
  }
}
