package dev.trellis.wrpc.codec;

import java.util.List;

/**
 * The wRPC index of an asynchronously delivered value: the structural position of a pending future
 * or stream inside a call's parameters or results (parameter position, record field, tuple member,
 * list or stream element). The NATS transport appends it to the channel subject, e.g. {@code
 * R_s.params.0.1}.
 */
public record IndexPath(List<Integer> indices) {
  private static final IndexPath ROOT = new IndexPath(List.of());

  public IndexPath {
    indices = List.copyOf(indices);
    for (int index : indices) {
      if (index < 0) {
        throw new IllegalArgumentException("index path elements must be >= 0, got " + indices);
      }
    }
  }

  /** The empty path: the channel itself. */
  public static IndexPath root() {
    return ROOT;
  }

  /** A path from its elements. */
  public static IndexPath of(int... indices) {
    Integer[] boxed = new Integer[indices.length];
    for (int i = 0; i < indices.length; i++) {
      boxed[i] = indices[i];
    }
    return new IndexPath(List.of(boxed));
  }

  /** This path extended by one element. */
  public IndexPath child(int index) {
    Integer[] boxed = indices.toArray(new Integer[indices.size() + 1]);
    boxed[indices.size()] = index;
    return new IndexPath(List.of(boxed));
  }

  /** Whether this is the empty path. */
  public boolean isRoot() {
    return indices.isEmpty();
  }

  /** The elements joined with {@code .}, e.g. {@code 0.1}; empty for the root path. */
  public String toSubjectSuffix() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < indices.size(); i++) {
      if (i > 0) {
        out.append('.');
      }
      out.append(indices.get(i).intValue());
    }
    return out.toString();
  }

  /** {@code base} followed by {@code .} and this path, or {@code base} itself for the root. */
  public String appendTo(String base) {
    return isRoot() ? base : base + "." + toSubjectSuffix();
  }

  @Override
  public String toString() {
    return "[" + toSubjectSuffix() + "]";
  }
}
