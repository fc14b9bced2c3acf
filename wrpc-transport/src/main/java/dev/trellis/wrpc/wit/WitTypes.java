package dev.trellis.wrpc.wit;

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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Operations over the type model that every consumer needs: type-checking a value with a message
 * that names the path, describing a type in WIT syntax, and comparing types structurally.
 */
public final class WitTypes {
  private WitTypes() {}

  /**
   * Checks that {@code value} conforms to {@code type}.
   *
   * @throws WitTypeMismatchException naming the path of the first mismatch, e.g. {@code record
   *     point.x: expected s32, got string}
   */
  public static void check(WitType type, WitValue value) {
    check(type, value, rootLabel(type));
  }

  /**
   * Checks that {@code value} conforms to {@code type}, naming the value {@code rootLabel} in the
   * message (e.g. {@code param count} gives {@code param count: expected u32, got string}).
   */
  public static void check(WitType type, WitValue value, String rootLabel) {
    Optional<TypeChecker.Mismatch> mismatch = TypeChecker.mismatch(type, value, rootLabel);
    if (mismatch.isPresent()) {
      throw new WitTypeMismatchException(mismatch.get().path(), mismatch.get().problem());
    }
  }

  /** Whether {@code s} is a valid WIT kebab-case label (record field, case, or flag name). */
  public static boolean isLabel(String s) {
    return Labels.isLabel(s);
  }

  /**
   * Whether the two types have the same structure, ignoring the names of records, variants, enums
   * and flags (resource types still compare by identity). This is Component Model type equality.
   */
  public static boolean sameShape(WitType a, WitType b) {
    return switch (a) {
      case Primitive p -> p == b;
      case ListType l -> b instanceof ListType o && sameShape(l.element(), o.element());
      case FixedListType l ->
          b instanceof FixedListType o
              && l.length() == o.length()
              && sameShape(l.element(), o.element());
      case RecordType r -> b instanceof RecordType o && sameFields(r, o);
      case TupleType t -> b instanceof TupleType o && sameAll(t.elements(), o.elements());
      case VariantType v -> b instanceof VariantType o && sameCases(v, o);
      case EnumType e -> b instanceof EnumType o && e.cases().equals(o.cases());
      case OptionType opt -> b instanceof OptionType o && sameShape(opt.some(), o.some());
      case ResultType r ->
          b instanceof ResultType o && sameOpt(r.ok(), o.ok()) && sameOpt(r.err(), o.err());
      case FlagsType f -> b instanceof FlagsType o && f.flags().equals(o.flags());
      case OwnType own -> b instanceof OwnType o && own.resource() == o.resource();
      case BorrowType bor -> b instanceof BorrowType o && bor.resource() == o.resource();
      case FutureType f -> b instanceof FutureType o && sameOpt(f.payload(), o.payload());
      case StreamType s -> b instanceof StreamType o && sameOpt(s.element(), o.element());
    };
  }

  private static boolean sameFields(RecordType a, RecordType b) {
    if (a.fields().size() != b.fields().size()) {
      return false;
    }
    for (int i = 0; i < a.fields().size(); i++) {
      RecordType.Field fa = a.fields().get(i);
      RecordType.Field fb = b.fields().get(i);
      if (!fa.name().equals(fb.name()) || !sameShape(fa.type(), fb.type())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameCases(VariantType a, VariantType b) {
    if (a.cases().size() != b.cases().size()) {
      return false;
    }
    for (int i = 0; i < a.cases().size(); i++) {
      VariantType.Case ca = a.cases().get(i);
      VariantType.Case cb = b.cases().get(i);
      if (!ca.name().equals(cb.name()) || !sameOpt(ca.payload(), cb.payload())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameAll(List<WitType> a, List<WitType> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!sameShape(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameOpt(Optional<WitType> a, Optional<WitType> b) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || sameShape(a.get(), b.get()));
  }

  /**
   * The type in WIT syntax, short enough for a message: {@code list<u8>}, {@code result<_,
   * string>}, {@code record point} (named) or {@code record {x: s32, y: s32}} (anonymous).
   */
  public static String describe(WitType type) {
    return switch (type) {
      case Primitive p -> p.witName();
      case ListType l -> "list<" + describe(l.element()) + ">";
      case FixedListType l -> "list<" + describe(l.element()) + ", " + l.length() + ">";
      case RecordType r ->
          named("record", r.name(), r.fields(), f -> f.name() + ": " + describe(f.type()));
      case TupleType t -> "tuple<" + joined(t.elements(), WitTypes::describe) + ">";
      case VariantType v ->
          named(
              "variant",
              v.name(),
              v.cases(),
              c -> c.name() + c.payload().map(p -> "(" + describe(p) + ")").orElse(""));
      case EnumType e -> named("enum", e.name(), e.cases(), Function.identity());
      case OptionType o -> "option<" + describe(o.some()) + ">";
      case ResultType r -> describeResult(r);
      case FlagsType f -> named("flags", f.name(), f.flags(), Function.identity());
      case OwnType o -> "own<" + o.resource().name() + ">";
      case BorrowType b -> "borrow<" + b.resource().name() + ">";
      case FutureType f -> "future" + f.payload().map(p -> "<" + describe(p) + ">").orElse("");
      case StreamType s -> "stream" + s.element().map(p -> "<" + describe(p) + ">").orElse("");
    };
  }

  private static String describeResult(ResultType r) {
    if (r.ok().isEmpty() && r.err().isEmpty()) {
      return "result";
    }
    if (r.err().isEmpty()) {
      return "result<" + describe(r.ok().get()) + ">";
    }
    return "result<"
        + r.ok().map(WitTypes::describe).orElse("_")
        + ", "
        + describe(r.err().get())
        + ">";
  }

  private static <T> String named(
      String kind, Optional<String> name, List<T> members, Function<T, String> show) {
    return name.map(n -> kind + " " + n).orElseGet(() -> kind + " {" + joined(members, show) + "}");
  }

  private static <T> String joined(List<T> items, Function<T, String> show) {
    return items.stream().map(show).collect(Collectors.joining(", "));
  }

  /** The label a check message starts its path with: {@code record point} or {@code value}. */
  static String rootLabel(WitType type) {
    if (type instanceof RecordType r && r.name().isPresent()) {
      return "record " + r.name().get();
    } else if (type instanceof VariantType v && v.name().isPresent()) {
      return "variant " + v.name().get();
    } else if (type instanceof EnumType e && e.name().isPresent()) {
      return "enum " + e.name().get();
    } else if (type instanceof FlagsType f && f.name().isPresent()) {
      return "flags " + f.name().get();
    }
    return "value";
  }
}
