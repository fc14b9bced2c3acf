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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The index paths on which a function's params or results can carry futures and streams, derived
 * from the types as wrpc's {@code async_paths_ty} does: tuple and record members add their
 * position, list and stream elements a wildcard, option/result/variant/future payloads nothing.
 */
public final class AsyncPaths {
  private AsyncPaths() {}

  /** The patterns for a params or results tuple, in a deterministic order, without duplicates. */
  public static List<IndexPattern> of(List<WitType> values) {
    Set<List<OptionalInt>> out = new LinkedHashSet<>();
    positional(values, out);
    List<IndexPattern> patterns = new ArrayList<>(out.size());
    for (List<OptionalInt> p : out) {
      patterns.add(new IndexPattern(p));
    }
    return patterns;
  }

  /** Adds the nested paths of {@code type} to {@code out}; returns whether it is itself async. */
  private static boolean collect(WitType type, Set<List<OptionalInt>> out) {
    return switch (type) {
      case ListType l -> element(Optional.of(l.element()), out, false);
      case FixedListType l -> element(Optional.of(l.element()), out, false);
      case StreamType s -> element(s.element(), out, true);
      case FutureType f -> {
        f.payload().ifPresent(p -> collect(p, out));
        yield true;
      }
      case OptionType o -> collect(o.some(), out);
      case ResultType r -> any(List.of(r.ok(), r.err()), out);
      case VariantType v -> {
        List<Optional<WitType>> payloads = new ArrayList<>();
        v.cases().forEach(c -> payloads.add(c.payload()));
        yield any(payloads, out);
      }
      case TupleType t -> positional(t.elements(), out);
      case RecordType r -> {
        List<WitType> fields = new ArrayList<>();
        r.fields().forEach(f -> fields.add(f.type()));
        yield positional(fields, out);
      }
      case Primitive p -> false;
      case EnumType e -> false;
      case FlagsType f -> false;
      case OwnType o -> false;
      case BorrowType b -> false;
    };
  }

  private static boolean element(
      Optional<WitType> element, Set<List<OptionalInt>> out, boolean async) {
    if (element.isPresent()) {
      Set<List<OptionalInt>> nested = new LinkedHashSet<>();
      if (collect(element.get(), nested)) {
        nested.add(List.of());
      }
      prefixed(OptionalInt.empty(), nested, out);
    }
    return async;
  }

  private static boolean any(List<Optional<WitType>> payloads, Set<List<OptionalInt>> out) {
    boolean async = false;
    for (Optional<WitType> p : payloads) {
      if (p.isPresent() && collect(p.get(), out)) {
        async = true;
      }
    }
    return async;
  }

  private static boolean positional(List<WitType> members, Set<List<OptionalInt>> out) {
    for (int i = 0; i < members.size(); i++) {
      Set<List<OptionalInt>> nested = new LinkedHashSet<>();
      if (collect(members.get(i), nested)) {
        nested.add(List.of());
      }
      prefixed(OptionalInt.of(i), nested, out);
    }
    return false;
  }

  private static void prefixed(
      OptionalInt head, Set<List<OptionalInt>> nested, Set<List<OptionalInt>> out) {
    for (List<OptionalInt> path : nested) {
      List<OptionalInt> full = new ArrayList<>(path.size() + 1);
      full.add(head);
      full.addAll(path);
      out.add(List.copyOf(full));
    }
  }
}
