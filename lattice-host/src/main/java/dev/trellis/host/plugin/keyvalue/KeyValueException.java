package dev.trellis.host.plugin.keyvalue;

import dev.trellis.host.HostException;
import java.util.Objects;

/**
 * A key-value operation failed in a way the guest should see as a {@code wasi:keyvalue} {@code
 * error}: the bucket does not exist or cannot be made, access is refused, or the backend failed.
 * Messages name the bucket and key.
 */
public final class KeyValueException extends HostException {
  private static final long serialVersionUID = 1L;

  /** The {@code error} case the guest receives. */
  public enum Kind {
    /** {@code no-such-store}. */
    NO_SUCH_STORE,
    /** {@code access-denied}. */
    ACCESS_DENIED,
    /** {@code other(string)}, carrying the message. */
    OTHER
  }

  private final Kind kind;

  public KeyValueException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public KeyValueException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** Which error case the guest receives. */
  public Kind kind() {
    return kind;
  }
}
