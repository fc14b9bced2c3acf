package dev.trellis.host.wasi;

import dev.trellis.host.HostException;
import java.util.Objects;

/**
 * A file-system operation failed with a WASI {@link ErrorCode}; {@code wasi:filesystem} returns it
 * to the guest as an {@code error-code} value, never as a trap.
 */
final class FsException extends HostException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  FsException(ErrorCode code, String message) {
    super(message + " (" + code.witName() + ")");
    this.code = Objects.requireNonNull(code, "code");
  }

  FsException(ErrorCode code, String message, Throwable cause) {
    super(message + " (" + code.witName() + ")", cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  ErrorCode code() {
    return code;
  }
}
