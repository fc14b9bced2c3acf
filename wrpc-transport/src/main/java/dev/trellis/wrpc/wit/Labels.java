package dev.trellis.wrpc.wit;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Kebab-case label rules shared by the type model, the WAVE parser and the WAVE printer. */
final class Labels {
  /** WAVE keywords; a variant or enum case spelled like one must be written with a {@code %}. */
  private static final Set<String> KEYWORDS =
      Set.of("true", "false", "some", "none", "ok", "err", "inf", "nan");

  private Labels() {}

  /**
   * Whether {@code s} is a WIT kebab-case label: hyphen-separated words, the first starting with a
   * letter, each word either all lowercase or all uppercase letters and digits.
   */
  static boolean isLabel(String s) {
    if (s.isEmpty() || s.endsWith("-")) {
      return false;
    }
    String[] words = s.split("-", -1);
    for (int i = 0; i < words.length; i++) {
      if (!isWord(words[i], i == 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWord(String word, boolean first) {
    if (word.isEmpty() || (first && !isAsciiLetter(word.charAt(0)))) {
      return false;
    }
    boolean lower = false;
    boolean upper = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return !(lower && upper);
  }

  static boolean isAsciiLetter(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isKeyword(String label) {
    return KEYWORDS.contains(label);
  }

  static void requireLabel(String what, String label) {
    if (!isLabel(label)) {
      throw new WitModelException(what + " \"" + label + "\" is not a kebab-case label");
    }
  }

  /**
   * Checks that {@code labels} is non-empty, every entry is a label, and no two are equal ignoring
   * ASCII case (the Component Model compares kebab names case-insensitively).
   */
  static List<String> requireUniqueLabels(String owner, String what, List<String> labels) {
    List<String> copy = List.copyOf(labels);
    if (copy.isEmpty()) {
      throw new WitModelException(owner + " must have at least one " + what);
    }
    Set<String> seen = new HashSet<>();
    for (String label : copy) {
      requireLabel(owner + " " + what, label);
      if (!seen.add(label.toLowerCase(Locale.ROOT))) {
        throw new WitModelException(owner + " has duplicate " + what + " \"" + label + "\"");
      }
    }
    return copy;
  }
}
