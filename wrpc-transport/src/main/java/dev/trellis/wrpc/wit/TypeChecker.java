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
import dev.trellis.wrpc.wit.WitValue.BoolValue;
import dev.trellis.wrpc.wit.WitValue.CharValue;
import dev.trellis.wrpc.wit.WitValue.EnumValue;
import dev.trellis.wrpc.wit.WitValue.F32Value;
import dev.trellis.wrpc.wit.WitValue.F64Value;
import dev.trellis.wrpc.wit.WitValue.FlagsValue;
import dev.trellis.wrpc.wit.WitValue.FutureValue;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import dev.trellis.wrpc.wit.WitValue.ListValue;
import dev.trellis.wrpc.wit.WitValue.OptionValue;
import dev.trellis.wrpc.wit.WitValue.RecordValue;
import dev.trellis.wrpc.wit.WitValue.ResultValue;
import dev.trellis.wrpc.wit.WitValue.S16Value;
import dev.trellis.wrpc.wit.WitValue.S32Value;
import dev.trellis.wrpc.wit.WitValue.S64Value;
import dev.trellis.wrpc.wit.WitValue.S8Value;
import dev.trellis.wrpc.wit.WitValue.StreamValue;
import dev.trellis.wrpc.wit.WitValue.StringValue;
import dev.trellis.wrpc.wit.WitValue.TupleValue;
import dev.trellis.wrpc.wit.WitValue.U16Value;
import dev.trellis.wrpc.wit.WitValue.U32Value;
import dev.trellis.wrpc.wit.WitValue.U64Value;
import dev.trellis.wrpc.wit.WitValue.U8Value;
import dev.trellis.wrpc.wit.WitValue.VariantValue;
import java.util.List;
import java.util.Optional;

/**
 * Finds the first place where a value does not conform to a type. The path is built only on failure
 * (each level prepends its segment on the way out), so checking a large conforming value allocates
 * nothing per element.
 */
final class TypeChecker {
  /** A mismatch: where ({@code path}, e.g. {@code .x[2]}) and what is wrong. */
  record Mismatch(String path, String problem) {
    Mismatch under(String segment) {
      return new Mismatch(segment + path, problem);
    }
  }

  private static final Optional<Mismatch> OK = Optional.empty();

  private TypeChecker() {}

  static Optional<Mismatch> mismatch(WitType type, WitValue value, String rootLabel) {
    Optional<Mismatch> found = check(type, value);
    if (found.isEmpty()) {
      return found;
    }
    return Optional.of(new Mismatch(rootLabel + found.get().path(), found.get().problem()));
  }

  private static Optional<Mismatch> check(WitType type, WitValue value) {
    return switch (type) {
      case Primitive p -> isPrimitive(p, value) ? OK : expected(type, value);
      case ListType l ->
          value instanceof ListValue v
              ? elements(l.element(), v.elements())
              : expected(type, value);
      case FixedListType l -> checkFixedList(l, value);
      case RecordType r ->
          value instanceof RecordValue v ? checkRecord(r, v) : expected(type, value);
      case TupleType t -> checkTuple(t, value);
      case VariantType v ->
          value instanceof VariantValue vv ? checkVariant(v, vv) : expected(type, value);
      case EnumType e -> checkEnum(e, value);
      case OptionType o ->
          value instanceof OptionValue v
              ? v.value().flatMap(some -> check(o.some(), some).map(m -> m.under(".some")))
              : expected(type, value);
      case ResultType r ->
          value instanceof ResultValue v ? checkResult(r, v) : expected(type, value);
      case FlagsType f -> checkFlags(f, value);
      case OwnType o -> checkHandle(type, o.resource(), value);
      case BorrowType b -> checkHandle(type, b.resource(), value);
      case FutureType f -> checkFuture(f, value);
      case StreamType s -> checkStream(s, value);
    };
  }

  private static boolean isPrimitive(Primitive p, WitValue value) {
    return switch (p) {
      case BOOL -> value instanceof BoolValue;
      case S8 -> value instanceof S8Value;
      case U8 -> value instanceof U8Value;
      case S16 -> value instanceof S16Value;
      case U16 -> value instanceof U16Value;
      case S32 -> value instanceof S32Value;
      case U32 -> value instanceof U32Value;
      case S64 -> value instanceof S64Value;
      case U64 -> value instanceof U64Value;
      case F32 -> value instanceof F32Value;
      case F64 -> value instanceof F64Value;
      case CHAR -> value instanceof CharValue;
      case STRING -> value instanceof StringValue;
    };
  }

  private static Optional<Mismatch> elements(WitType element, List<WitValue> values) {
    if (values instanceof ByteList && element == Primitive.U8) {
      return OK;
    }
    for (int i = 0; i < values.size(); i++) {
      Optional<Mismatch> m = check(element, values.get(i));
      if (m.isPresent()) {
        return Optional.of(m.get().under("[" + i + "]"));
      }
    }
    return OK;
  }

  private static Optional<Mismatch> checkFixedList(FixedListType type, WitValue value) {
    if (!(value instanceof ListValue v)) {
      return expected(type, value);
    }
    if (v.elements().size() != type.length()) {
      return problem(
          "expected " + type + " (" + type.length() + " elements), got " + v.elements().size());
    }
    return elements(type.element(), v.elements());
  }

  private static Optional<Mismatch> checkRecord(RecordType type, RecordValue value) {
    for (RecordType.Field field : type.fields()) {
      if (value.get(field.name()).isEmpty()) {
        return problem("missing field " + field.name() + " of " + type);
      }
    }
    for (RecordValue.Field field : value.fields()) {
      if (type.indexOf(field.name()).isEmpty()) {
        return problem("unexpected field " + field.name() + " for " + type);
      }
    }
    for (int i = 0; i < type.fields().size(); i++) {
      RecordType.Field field = type.fields().get(i);
      RecordValue.Field actual = value.fields().get(i);
      if (!actual.name().equals(field.name())) {
        return problem("field " + actual.name() + " is out of order: expected " + field.name());
      }
      Optional<Mismatch> m = check(field.type(), actual.value());
      if (m.isPresent()) {
        return Optional.of(m.get().under("." + field.name()));
      }
    }
    return OK;
  }

  private static Optional<Mismatch> checkTuple(TupleType type, WitValue value) {
    if (!(value instanceof TupleValue v)) {
      return expected(type, value);
    }
    if (v.elements().size() != type.elements().size()) {
      return problem(
          "expected "
              + type
              + " of "
              + type.elements().size()
              + " elements, got tuple of "
              + v.elements().size());
    }
    for (int i = 0; i < v.elements().size(); i++) {
      Optional<Mismatch> m = check(type.elements().get(i), v.elements().get(i));
      if (m.isPresent()) {
        return Optional.of(m.get().under("." + i));
      }
    }
    return OK;
  }

  private static Optional<Mismatch> checkVariant(VariantType type, VariantValue value) {
    Optional<VariantType.Case> found =
        type.cases().stream().filter(c -> c.name().equals(value.caseName())).findFirst();
    if (found.isEmpty()) {
      return problem("unknown case " + value.caseName() + " of " + type);
    }
    return payload(type, value.caseName(), found.get().payload(), value.payload());
  }

  private static Optional<Mismatch> payload(
      WitType owner, String caseName, Optional<WitType> type, Optional<WitValue> value) {
    if (type.isPresent() != value.isPresent()) {
      return problem(
          "case "
              + caseName
              + " of "
              + owner
              + (type.isPresent() ? " requires a payload" : " has no payload"));
    }
    return type.flatMap(t -> check(t, value.get()).map(m -> m.under("." + caseName)));
  }

  private static Optional<Mismatch> checkEnum(EnumType type, WitValue value) {
    if (!(value instanceof EnumValue v)) {
      return expected(type, value);
    }
    return type.indexOf(v.caseName()).isPresent()
        ? OK
        : problem("unknown case " + v.caseName() + " of " + type);
  }

  private static Optional<Mismatch> checkResult(ResultType type, ResultValue value) {
    return value.isOk()
        ? payload(type, "ok", type.ok(), value.payload())
        : payload(type, "err", type.err(), value.payload());
  }

  private static Optional<Mismatch> checkFlags(FlagsType type, WitValue value) {
    if (!(value instanceof FlagsValue v)) {
      return expected(type, value);
    }
    for (String flag : v.flags()) {
      if (type.indexOf(flag).isEmpty()) {
        return problem("unknown flag " + flag + " of " + type);
      }
    }
    return OK;
  }

  private static Optional<Mismatch> checkHandle(
      WitType type, ResourceType resource, WitValue value) {
    if (!(value instanceof HandleValue h)) {
      return expected(type, value);
    }
    return h.resource() == resource
        ? OK
        : problem(
            "expected " + type + ", got a handle to a different resource " + h.resource().name());
  }

  private static Optional<Mismatch> checkFuture(FutureType type, WitValue value) {
    if (!(value instanceof FutureValue v)) {
      return expected(type, value);
    }
    return v.isReady() ? payload(type, "ready", type.payload(), v.payload()) : OK;
  }

  private static Optional<Mismatch> checkStream(StreamType type, WitValue value) {
    if (!(value instanceof StreamValue v)) {
      return expected(type, value);
    }
    if (type.element().isEmpty()) {
      return v.elements().isEmpty()
          ? OK
          : problem(
              "expected " + type + " (no element type), got " + v.elements().size() + " elements");
    }
    return elements(type.element().get(), v.elements());
  }

  private static Optional<Mismatch> expected(WitType type, WitValue value) {
    return problem("expected " + type + ", got " + kind(value));
  }

  private static Optional<Mismatch> problem(String problem) {
    return Optional.of(new Mismatch("", problem));
  }

  /** A short description of what a value is, for the "got ..." half of a message. */
  static String kind(WitValue value) {
    return switch (value) {
      case BoolValue v -> "bool";
      case S8Value v -> "s8";
      case U8Value v -> "u8";
      case S16Value v -> "s16";
      case U16Value v -> "u16";
      case S32Value v -> "s32";
      case U32Value v -> "u32";
      case S64Value v -> "s64";
      case U64Value v -> "u64";
      case F32Value v -> "f32";
      case F64Value v -> "f64";
      case CharValue v -> "char";
      case StringValue v -> "string";
      case ListValue v -> "list";
      case RecordValue v -> "record";
      case TupleValue v -> "tuple";
      case VariantValue v -> "variant case " + v.caseName();
      case WitValue.EnumValue v -> "enum case " + v.caseName();
      case OptionValue v -> "option";
      case ResultValue v -> "result";
      case FlagsValue v -> "flags";
      case HandleValue v -> "handle to " + v.resource().name();
      case FutureValue v -> v.isReady() ? "ready future" : "pending future";
      case StreamValue v -> v.isReady() ? "ready stream" : "pending stream";
    };
  }
}
