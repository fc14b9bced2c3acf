package dev.trellis.host.engine;

import dev.trellis.host.HostException;

/**
 * A component binary could not be turned into a {@link ComponentDefinition}: it does not decode,
 * refers to definitions that do not exist, or uses a feature this engine does not run (the message
 * then starts with {@code unsupported:}, e.g. {@code unsupported: SIMD (v128) in core module 2}).
 * Separate from traps and link failures so a caller can report "bad upload" distinctly.
 */
public class ComponentLoadException extends HostException {
  private static final long serialVersionUID = 1L;

  public ComponentLoadException(String message) {
    super(message);
  }

  public ComponentLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
