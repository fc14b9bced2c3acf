package dev.trellis.scheduler.manifest;

/**
 * The two text forms a manifest travels in. wadm accepts both on {@code model.put}; Trellis reads
 * and writes both.
 */
public enum Format {
  YAML,
  JSON;

  /**
   * Guesses the format of {@code text}: JSON when its first non-blank character opens an object,
   * YAML otherwise (a YAML flow mapping that is not JSON is re-read as YAML by the parser).
   */
  public static Format detect(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\uFEFF' || Character.isWhitespace(c)) {
        continue;
      }
      return c == '{' ? JSON : YAML;
    }
    return YAML;
  }
}
