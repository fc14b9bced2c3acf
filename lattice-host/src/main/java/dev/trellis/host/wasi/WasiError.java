package dev.trellis.host.wasi;

import java.util.Objects;
import java.util.Optional;

/**
 * The Java object behind a {@code wasi:io/error.error} resource: why a stream operation failed, for
 * {@code to-debug-string}, and the file-system error code behind it, if any, for {@code
 * wasi:filesystem/types.filesystem-error-code}.
 *
 * @param message a human-readable description
 * @param code the file-system error code, when the failure came from a file
 */
public record WasiError(String message, Optional<ErrorCode> code) {
  public WasiError {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(code, "code");
  }

  /** An error without a file-system code. */
  public static WasiError of(String message) {
    return new WasiError(message, Optional.empty());
  }
}
