package dev.trellis.host.engine.binary;

import java.util.Objects;

/**
 * A reference to a definition: its sort and its index in that sort's index space. Used by
 * instantiation arguments, inline exports and exports.
 */
public record SortIndex(Sort sort, int index) {
  public SortIndex {
    Objects.requireNonNull(sort, "sort");
    if (index < 0) {
      throw new IllegalArgumentException("negative index " + index);
    }
  }
}
