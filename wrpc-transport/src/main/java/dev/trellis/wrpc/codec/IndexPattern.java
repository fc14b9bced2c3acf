package dev.trellis.wrpc.codec;

import java.util.List;
import java.util.OptionalInt;

/**
 * An index path where a future or stream may travel, known from the types alone: list and stream
 * element positions are wildcards (empty), everything else is fixed. A transport subscribes to
 * these before invoking, since results can arrive before any value has been decoded.
 */
public record IndexPattern(List<OptionalInt> segments) {
  public IndexPattern {
    segments = List.copyOf(segments);
  }

  /** The segments joined with {@code .}, wildcards as {@code *}, e.g. {@code 0.*.1}. */
  public String toSubjectSuffix() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segments.size(); i++) {
      if (i > 0) {
        out.append('.');
      }
      OptionalInt s = segments.get(i);
      if (s.isPresent()) {
        out.append(s.getAsInt());
      } else {
        out.append('*');
      }
    }
    return out.toString();
  }

  /** Whether the concrete {@code path} matches this pattern. */
  public boolean matches(IndexPath path) {
    List<Integer> indices = path.indices();
    if (indices.size() != segments.size()) {
      return false;
    }
    for (int i = 0; i < segments.size(); i++) {
      OptionalInt s = segments.get(i);
      if (s.isPresent() && s.getAsInt() != indices.get(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "[" + toSubjectSuffix() + "]";
  }
}
