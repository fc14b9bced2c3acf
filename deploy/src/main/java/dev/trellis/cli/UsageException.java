package dev.trellis.cli;

/**
 * Flags that cannot go together or lack their partner, found after parsing (for instance two ways
 * to authenticate to NATS). Reported like picocli's own usage errors: one line naming the flags, a
 * pointer to {@code --help}, exit code 2.
 */
final class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
