package dev.trellis.host.engine.binary;

import dev.trellis.host.HostException;
import java.util.Locale;

/**
 * Raised for every malformed or unsupported component binary, so callers can tell a bad upload
 * apart from a host failure. The message names where decoding stopped (a section id and name, or
 * the preamble) and the absolute byte offset, e.g. {@code section 7 (type) at offset 0x1a3: unknown
 * defvaltype opcode 0x5f}.
 */
public final class ComponentDecodeException extends HostException {
  private static final long serialVersionUID = 1L;

  private final String location;
  private final long offset;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param location where decoding was, e.g. {@code section 7 (type)} or {@code preamble}
   * @param offset absolute offset of the offending byte in the outermost binary
   * @param reason what is wrong, without location
   */
  public ComponentDecodeException(String location, long offset, String reason) {
    super(format(location, offset, reason));
    this.location = location;
    this.offset = offset;
    this.reason = reason;
  }

  /** Where decoding was, e.g. {@code section 7 (type)} or {@code preamble}. */
  public String location() {
    return location;
  }

  /** Absolute offset of the offending byte in the outermost binary. */
  public long offset() {
    return offset;
  }

  /** What is wrong, without the location prefix. */
  public String reason() {
    return reason;
  }

  private static String format(String location, long offset, String reason) {
    return location
        + " at offset 0x"
        + Long.toHexString(offset).toLowerCase(Locale.ROOT)
        + ": "
        + reason;
  }
}
