package dev.trellis.host.engine.abi;

import dev.trellis.host.HostException;
import java.util.Locale;

/**
 * A guest broke a rule of the canonical ABI (an out-of-bounds or misaligned pointer, invalid UTF-8,
 * a discriminant out of range, an unknown or wrongly typed handle, a borrow not dropped before
 * return). The spec calls this a trap: the call fails and the component instance must not be used
 * again. The message says what went wrong and, once the call site has added it, where: {@code
 * lifting param "msg" of "log": string pointer 0x10003 with length 4 out of bounds (memory is 65536
 * bytes)}.
 */
public final class CanonicalAbiTrap extends HostException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  /** A trap for {@code reason}, which says what went wrong. */
  public CanonicalAbiTrap(String reason) {
    this(reason, reason);
  }

  private CanonicalAbiTrap(String message, String reason) {
    super(message);
    this.reason = reason;
  }

  /** What went wrong, without the location prefixes added by {@link #within}. */
  public String reason() {
    return reason;
  }

  /**
   * The same trap with {@code where} prepended to the message, e.g. {@code lifting result of
   * "get"}.
   */
  public CanonicalAbiTrap within(String where) {
    CanonicalAbiTrap trap = new CanonicalAbiTrap(where + ": " + getMessage(), reason);
    trap.setStackTrace(getStackTrace());
    return trap;
  }

  static String hex(long unsigned) {
    return "0x" + Long.toHexString(unsigned).toLowerCase(Locale.ROOT);
  }

  static String hex(int pointer) {
    return hex(Integer.toUnsignedLong(pointer));
  }
}
