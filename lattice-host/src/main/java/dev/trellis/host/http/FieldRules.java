package dev.trellis.host.http;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What makes a field name or value acceptable from a guest: names are RFC 9110 tokens; values may
 * hold any byte but control characters (horizontal tab allowed); a few names are forbidden because
 * the host owns the connection they describe (the same set wasmtime forbids by default).
 */
public final class FieldRules {
  /** Field names a guest may not set: hop-by-hop and connection-level fields. */
  public static final Set<String> FORBIDDEN =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "transfer-encoding",
          "upgrade",
          "host",
          "http2-settings");

  private static final boolean[] TCHAR = tokenChars();

  private FieldRules() {}

  private static boolean[] tokenChars() {
    boolean[] t = new boolean[128];
    for (char c = '0'; c <= '9'; c++) {
      t[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      t[c] = true;
      t[Character.toUpperCase(c)] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      t[c] = true;
    }
    return t;
  }

  /** Whether {@code name} is a syntactically valid field name (an RFC 9110 token). */
  public static boolean validName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 128 || !TCHAR[c]) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code value} is a valid field value: no control characters but tab. */
  public static boolean validValue(byte[] value) {
    for (byte b : value) {
      int c = b & 0xff;
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** Whether a guest may not set {@code name}. */
  public static boolean forbidden(String name) {
    return FORBIDDEN.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Why {@code name} may not be set, if it may not. */
  public static Optional<HeaderError> checkName(String name) {
    if (!validName(name)) {
      return Optional.of(HeaderError.INVALID_SYNTAX);
    }
    return forbidden(name) ? Optional.of(HeaderError.FORBIDDEN) : Optional.empty();
  }
}
