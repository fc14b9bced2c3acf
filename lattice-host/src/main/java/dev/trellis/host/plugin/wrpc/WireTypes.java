package dev.trellis.host.plugin.wrpc;

import dev.trellis.host.HostException;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The guest's types and values as they travel over wRPC. On the wire an {@code own} or {@code
 * borrow} handle is an opaque {@code list<u8>} (length and bytes) whose meaning the peer defines,
 * so a signature with handles is sent as the same signature with {@code list<u8>} in their place:
 * the bytes are the same, and the host's handles (reps in the instance's resource table) are turned
 * into those bytes on the way out and back into new handles on the way in. Futures and streams are
 * not bridged.
 */
final class WireTypes {
  private static final WitType BYTES = WitType.list(WitType.Primitive.U8);

  private WireTypes() {}

  /** Whether {@code type} holds an own or borrow handle anywhere. */
  static boolean hasHandles(WitType type) {
    return switch (type) {
      case WitType.Primitive p -> false;
      case WitType.ListType l -> hasHandles(l.element());
      case WitType.FixedListType l -> hasHandles(l.element());
      case WitType.RecordType r -> r.fields().stream().anyMatch(f -> hasHandles(f.type()));
      case WitType.TupleType t -> t.elements().stream().anyMatch(WireTypes::hasHandles);
      case WitType.VariantType v ->
          v.cases().stream().anyMatch(c -> c.payload().map(WireTypes::hasHandles).orElse(false));
      case WitType.EnumType e -> false;
      case WitType.OptionType o -> hasHandles(o.some());
      case WitType.ResultType r ->
          r.ok().map(WireTypes::hasHandles).orElse(false)
              || r.err().map(WireTypes::hasHandles).orElse(false);
      case WitType.FlagsType f -> false;
      case WitType.OwnType o -> true;
      case WitType.BorrowType b -> true;
      case WitType.FutureType f -> false;
      case WitType.StreamType s -> false;
    };
  }

  /** Whether {@code type} holds a future or stream anywhere. */
  static boolean hasAsync(WitType type) {
    return switch (type) {
      case WitType.Primitive p -> false;
      case WitType.ListType l -> hasAsync(l.element());
      case WitType.FixedListType l -> hasAsync(l.element());
      case WitType.RecordType r -> r.fields().stream().anyMatch(f -> hasAsync(f.type()));
      case WitType.TupleType t -> t.elements().stream().anyMatch(WireTypes::hasAsync);
      case WitType.VariantType v ->
          v.cases().stream().anyMatch(c -> c.payload().map(WireTypes::hasAsync).orElse(false));
      case WitType.EnumType e -> false;
      case WitType.OptionType o -> hasAsync(o.some());
      case WitType.ResultType r ->
          r.ok().map(WireTypes::hasAsync).orElse(false)
              || r.err().map(WireTypes::hasAsync).orElse(false);
      case WitType.FlagsType f -> false;
      case WitType.OwnType o -> false;
      case WitType.BorrowType b -> false;
      case WitType.FutureType f -> true;
      case WitType.StreamType s -> true;
    };
  }

  /** {@code type} with every handle replaced by {@code list<u8>}. */
  static WitType wire(WitType type) {
    if (!hasHandles(type)) {
      return type;
    }
    return switch (type) {
      case WitType.Primitive p -> p;
      case WitType.ListType l -> WitType.list(wire(l.element()));
      case WitType.FixedListType l -> new WitType.FixedListType(wire(l.element()), l.length());
      case WitType.RecordType r ->
          new WitType.RecordType(
              r.name(),
              r.fields().stream()
                  .map(f -> new WitType.RecordType.Field(f.name(), wire(f.type())))
                  .toList());
      case WitType.TupleType t ->
          new WitType.TupleType(t.elements().stream().map(WireTypes::wire).toList());
      case WitType.VariantType v ->
          new WitType.VariantType(
              v.name(),
              v.cases().stream()
                  .map(
                      c -> new WitType.VariantType.Case(c.name(), c.payload().map(WireTypes::wire)))
                  .toList());
      case WitType.EnumType e -> e;
      case WitType.OptionType o -> WitType.option(wire(o.some()));
      case WitType.ResultType r ->
          new WitType.ResultType(r.ok().map(WireTypes::wire), r.err().map(WireTypes::wire));
      case WitType.FlagsType f -> f;
      case WitType.OwnType o -> BYTES;
      case WitType.BorrowType b -> BYTES;
      case WitType.FutureType f -> f;
      case WitType.StreamType s -> s;
    };
  }

  /**
   * {@code value} of {@code type} with every handle replaced by {@code toBytes} of it (given the
   * handle's own or borrow type).
   */
  static WitValue out(
      WitType type,
      WitValue value,
      BiFunction<WitType, WitValue.HandleValue, WitValue.ListValue> toBytes) {
    return map(type, value, (t, v) -> toBytes.apply(t, as(v, WitValue.HandleValue.class)));
  }

  /** {@code value} (of {@code wire(type)}) with the bytes at every handle position adopted. */
  static WitValue in(
      WitType type, WitValue value, Function<Handle, WitValue.HandleValue> fromBytes) {
    return map(
        type,
        value,
        (t, v) -> {
          byte[] bytes = as(v, WitValue.ListValue.class).toByteArray();
          return fromBytes.apply(new Handle(t, bytes));
        });
  }

  /** A handle position reached while adopting a value: its guest type and its wire bytes. */
  record Handle(WitType type, byte[] bytes) {}

  /** What to do with the value found at a handle position. */
  private interface AtHandle {
    WitValue apply(WitType type, WitValue value);
  }

  private static WitValue map(WitType type, WitValue value, AtHandle at) {
    if (!hasHandles(type)) {
      return value;
    }
    return switch (type) {
      case WitType.OwnType o -> at.apply(o, value);
      case WitType.BorrowType b -> at.apply(b, value);
      case WitType.ListType l -> mapList(l.element(), value, at);
      case WitType.FixedListType l -> mapList(l.element(), value, at);
      case WitType.RecordType r -> {
        List<WitValue.RecordValue.Field> fields = as(value, WitValue.RecordValue.class).fields();
        List<WitValue.RecordValue.Field> out = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
          WitValue.RecordValue.Field f = fields.get(i);
          out.add(
              new WitValue.RecordValue.Field(
                  f.name(), map(r.fields().get(i).type(), f.value(), at)));
        }
        yield new WitValue.RecordValue(out);
      }
      case WitType.TupleType t -> {
        List<WitValue> elements = as(value, WitValue.TupleValue.class).elements();
        List<WitValue> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
          out.add(map(t.elements().get(i), elements.get(i), at));
        }
        yield new WitValue.TupleValue(out);
      }
      case WitType.VariantType v -> {
        WitValue.VariantValue vv = as(value, WitValue.VariantValue.class);
        Optional<WitType> payloadType =
            v.cases().stream()
                .filter(c -> c.name().equals(vv.caseName()))
                .findFirst()
                .flatMap(WitType.VariantType.Case::payload);
        yield new WitValue.VariantValue(
            vv.caseName(), vv.payload().map(p -> payloadType.map(pt -> map(pt, p, at)).orElse(p)));
      }
      case WitType.OptionType o ->
          new WitValue.OptionValue(
              as(value, WitValue.OptionValue.class).value().map(v -> map(o.some(), v, at)));
      case WitType.ResultType r -> {
        WitValue.ResultValue rv = as(value, WitValue.ResultValue.class);
        Optional<WitType> payloadType = rv.isOk() ? r.ok() : r.err();
        yield new WitValue.ResultValue(
            rv.isOk(), rv.payload().map(p -> payloadType.map(pt -> map(pt, p, at)).orElse(p)));
      }
      case WitType.Primitive p -> value;
      case WitType.EnumType e -> value;
      case WitType.FlagsType f -> value;
      case WitType.FutureType f -> value;
      case WitType.StreamType s -> value;
    };
  }

  private static WitValue mapList(WitType element, WitValue value, AtHandle at) {
    List<WitValue> elements = as(value, WitValue.ListValue.class).elements();
    List<WitValue> out = new ArrayList<>(elements.size());
    for (WitValue e : elements) {
      out.add(map(element, e, at));
    }
    return new WitValue.ListValue(out);
  }

  private static <T extends WitValue> T as(WitValue value, Class<T> type) {
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    throw new HostException(
        "expected a " + type.getSimpleName() + " where the signature has a handle, got " + value);
  }
}
