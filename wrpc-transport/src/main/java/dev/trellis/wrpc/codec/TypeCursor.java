package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitType.BorrowType;
import dev.trellis.wrpc.wit.WitType.EnumType;
import dev.trellis.wrpc.wit.WitType.FixedListType;
import dev.trellis.wrpc.wit.WitType.FlagsType;
import dev.trellis.wrpc.wit.WitType.FutureType;
import dev.trellis.wrpc.wit.WitType.ListType;
import dev.trellis.wrpc.wit.WitType.OptionType;
import dev.trellis.wrpc.wit.WitType.OwnType;
import dev.trellis.wrpc.wit.WitType.Primitive;
import dev.trellis.wrpc.wit.WitType.RecordType;
import dev.trellis.wrpc.wit.WitType.ResultType;
import dev.trellis.wrpc.wit.WitType.StreamType;
import dev.trellis.wrpc.wit.WitType.TupleType;
import dev.trellis.wrpc.wit.WitType.VariantType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where the encoder or decoder is inside a frame: a stack of the composite types being walked, each
 * with the position of the child in progress. It names that position for error messages and derives
 * the wRPC index path of a future or stream. Nothing is allocated unless asked.
 *
 * <p>Index rules, as the Rust {@code wrpc-transport} implements them: the root adds the value's
 * position when it holds several values (a params or results tuple) or stream elements; record
 * fields, tuple members, list and stream elements add their position; option, result, variant and
 * future payloads add nothing.
 */
final class TypeCursor {
  /** What the root level holds. */
  enum Root {
    /** A function's params or results: each value adds its position to the index path. */
    VALUES,
    /** One value sitting at the channel's own index (a future's contents). */
    SINGLE,
    /** Stream elements: each adds {@code elementBase + position}. */
    ELEMENTS
  }

  private final String rootLabel;
  private final IndexPath base;
  private final Root root;
  long elementBase;

  WitType[] types = new WitType[8];
  int[] next = new int[8];
  int[] tag = new int[8];
  int depth;

  TypeCursor(String rootLabel, IndexPath base, Root root) {
    this.rootLabel = rootLabel;
    this.base = base;
    this.root = root;
  }

  void reset() {
    Arrays.fill(types, 0, depth + 1, null);
    depth = 0;
    next[0] = 0;
    tag[0] = 0;
  }

  void push(WitType type) {
    depth++;
    if (depth == types.length) {
      types = Arrays.copyOf(types, depth * 2);
      next = Arrays.copyOf(next, depth * 2);
      tag = Arrays.copyOf(tag, depth * 2);
    }
    types[depth] = type;
    next[depth] = 0;
    tag[depth] = 0;
  }

  void pop() {
    types[depth] = null;
    depth--;
  }

  /** The index path of the value currently being walked: child {@code next[depth]} of the top. */
  IndexPath currentPath() {
    return pathOfChildOf(depth);
  }

  /** The index path of child {@code next[level]} of {@code level}. */
  IndexPath pathOfChildOf(int level) {
    List<Integer> out = new ArrayList<>(base.indices());
    for (int d = 0; d <= level; d++) {
      if (d == 0) {
        switch (root) {
          case VALUES -> out.add(next[0]);
          case ELEMENTS -> out.add((int) (elementBase + next[0]));
          case SINGLE -> {}
        }
      } else if (addsIndex(types[d])) {
        out.add(next[d]);
      }
    }
    return new IndexPath(out);
  }

  private static boolean addsIndex(WitType type) {
    return type instanceof RecordType
        || type instanceof TupleType
        || type instanceof ListType
        || type instanceof FixedListType
        || type instanceof StreamType;
  }

  /**
   * A readable path: the root label, then every level's name (if the type is named) and the child
   * in progress, e.g. {@code params.1.record point.y}. The top level's child is included when
   * {@code withChild}, and {@code leaf} (the atomic type being read) adds its name if it has one.
   */
  String describe(boolean withChild, Optional<WitType> leaf) {
    StringBuilder out = new StringBuilder(rootLabel);
    for (int d = 0; d <= depth; d++) {
      boolean selected = d < depth || withChild;
      if (d == 0) {
        if (selected) {
          rootSelector(out);
        }
        continue;
      }
      typeName(out, types[d]);
      if (selected) {
        selector(out, types[d], next[d], tag[d]);
      }
    }
    leaf.ifPresent(t -> typeName(out, t));
    return out.toString();
  }

  private void rootSelector(StringBuilder out) {
    switch (root) {
      case VALUES -> out.append('.').append(next[0]);
      case ELEMENTS -> out.append('[').append(elementBase + next[0]).append(']');
      case SINGLE -> {}
    }
  }

  private static void typeName(StringBuilder out, WitType type) {
    Optional<String> name =
        switch (type) {
          case RecordType r -> r.name().map(n -> "record " + n);
          case VariantType v -> v.name().map(n -> "variant " + n);
          case EnumType e -> e.name().map(n -> "enum " + n);
          case FlagsType f -> f.name().map(n -> "flags " + n);
          case Primitive p -> Optional.empty();
          case ListType l -> Optional.empty();
          case FixedListType l -> Optional.empty();
          case TupleType t -> Optional.empty();
          case OptionType o -> Optional.empty();
          case ResultType r -> Optional.empty();
          case OwnType o -> Optional.empty();
          case BorrowType b -> Optional.empty();
          case FutureType f -> Optional.empty();
          case StreamType s -> Optional.empty();
        };
    name.ifPresent(n -> out.append('.').append(n));
  }

  private static void selector(StringBuilder out, WitType type, int child, int tag) {
    switch (type) {
      case RecordType r -> out.append('.').append(r.fields().get(child).name());
      case TupleType t -> out.append('.').append(child);
      case ListType l -> out.append('[').append(child).append(']');
      case FixedListType l -> out.append('[').append(child).append(']');
      case StreamType s -> out.append('[').append(child).append(']');
      case VariantType v -> out.append('.').append(v.cases().get(tag).name());
      case OptionType o -> out.append(".some");
      case ResultType r -> out.append(tag == 0 ? ".ok" : ".err");
      case FutureType f -> out.append(".ready");
      case Primitive p -> {}
      case EnumType e -> {}
      case FlagsType f -> {}
      case OwnType o -> {}
      case BorrowType b -> {}
    }
  }
}
