package dev.trellis.scheduler.manifest;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Argument checks shared by the model records' compact constructors. */
final class Checks {
  private Checks() {}

  /** {@code value}, which must be a non-blank string. */
  static String text(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return value;
  }

  /** {@code value}, whose content (when present) must be a non-blank string. */
  static Optional<String> optionalText(Optional<String> value, String what) {
    Objects.requireNonNull(value, what);
    value.ifPresent(v -> text(v, what));
    return value;
  }

  /** An unmodifiable copy of {@code map}, sorted by key so that output is canonical. */
  static SortedMap<String, String> sorted(Map<String, String> map, String what) {
    Objects.requireNonNull(map, what);
    TreeMap<String, String> copy = new TreeMap<>();
    map.forEach(
        (key, value) ->
            copy.put(Objects.requireNonNull(key, what), Objects.requireNonNull(value, what)));
    return Collections.unmodifiableSortedMap(copy);
  }

  /** An unmodifiable copy of {@code list}. */
  static <T> List<T> list(List<T> list, String what) {
    return List.copyOf(Objects.requireNonNull(list, what));
  }

  /** {@code value}, which must be zero or more. */
  static int nonNegative(int value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must be >= 0, got " + value);
    }
    return value;
  }
}
