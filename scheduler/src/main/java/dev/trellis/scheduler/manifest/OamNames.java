package dev.trellis.scheduler.manifest;

import java.util.regex.Pattern;

/**
 * Naming rules wadm applies to manifests: application names, versions, and label and annotation
 * keys (the OAM metadata rules: an optional DNS-subdomain prefix and {@code /}, then a short name).
 */
final class OamNames {
  /** wadm's {@code ^[-\w]+$}, where {@code \w} is Unicode-aware as in Rust's regex crate. */
  private static final Pattern APP_NAME =
      Pattern.compile("[-\\w]+", Pattern.UNICODE_CHARACTER_CLASS);

  static final String APP_NAME_RULE = "letters, digits, '_' and '-' only";
  static final String LABEL_KEY_RULE =
      "an optional DNS subdomain and '/', then 1-63 letters, digits, '-', '_' or '.',"
          + " starting and ending with a letter or digit";

  /** The version wadm reserves for "newest". */
  static final String LATEST = "latest";

  private OamNames() {}

  static boolean isValidAppName(String name) {
    return APP_NAME.matcher(name).matches();
  }

  /** Why {@code version} cannot be a manifest version, or empty when it can. */
  static java.util.Optional<String> versionProblem(String version) {
    if (version.isBlank()) {
      return java.util.Optional.of("must not be empty");
    }
    if (version.equals(LATEST)) {
      return java.util.Optional.of("'" + LATEST + "' is a reserved version");
    }
    return java.util.Optional.empty();
  }

  static boolean isValidLabelKey(String key) {
    int slash = key.indexOf('/');
    if (slash < 0) {
      return isValidLabelName(key);
    }
    return isValidDnsSubdomain(key.substring(0, slash))
        && isValidLabelName(key.substring(slash + 1));
  }

  private static boolean isValidDnsSubdomain(String value) {
    if (value.isEmpty() || value.length() > 253) {
      return false;
    }
    for (String part : value.split("\\.", -1)) {
      if (part.isEmpty()
          || part.length() > 63
          || !isAsciiLetter(part.charAt(0))
          || !isAsciiAlphanumeric(part.charAt(part.length() - 1))
          || !part.chars().allMatch(c -> isAsciiAlphanumeric(c) || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isValidLabelName(String name) {
    return !name.isEmpty()
        && name.length() <= 63
        && isAsciiAlphanumeric(name.charAt(0))
        && isAsciiAlphanumeric(name.charAt(name.length() - 1))
        && name.chars().allMatch(c -> isAsciiAlphanumeric(c) || c == '-' || c == '_' || c == '.');
  }

  private static boolean isAsciiLetter(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiAlphanumeric(int c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9');
  }
}
