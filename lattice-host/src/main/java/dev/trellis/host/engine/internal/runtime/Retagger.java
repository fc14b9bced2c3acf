package dev.trellis.host.engine.internal.runtime;

import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Re-labels the handles inside values with the resource types of the receiving side's signature.
 * Handles cross between components (and the host) by rep; each side names the same resource with
 * its own {@code ResourceType} (its definition, or the placeholder for an imported resource), so
 * the receiver adopts the value under its own type before lowering it. Only types that contain
 * handles are walked.
 */
public final class Retagger {
  private Retagger() {}

  /** Whether {@code type} contains an own or borrow handle anywhere. */
  public static boolean containsHandles(WitType type) {
    return switch (type) {
      case WitType.Primitive p -> false;
      case WitType.ListType l -> containsHandles(l.element());
      case WitType.FixedListType l -> containsHandles(l.element());
      case WitType.RecordType r -> r.fields().stream().anyMatch(f -> containsHandles(f.type()));
      case WitType.TupleType t -> t.elements().stream().anyMatch(Retagger::containsHandles);
      case WitType.VariantType v ->
          v.cases().stream()
              .anyMatch(c -> c.payload().map(Retagger::containsHandles).orElse(false));
      case WitType.EnumType e -> false;
      case WitType.OptionType o -> containsHandles(o.some());
      case WitType.ResultType r ->
          r.ok().map(Retagger::containsHandles).orElse(false)
              || r.err().map(Retagger::containsHandles).orElse(false);
      case WitType.FlagsType f -> false;
      case WitType.OwnType o -> true;
      case WitType.BorrowType b -> true;
      case WitType.FutureType f -> false;
      case WitType.StreamType s -> false;
    };
  }

  /** {@code values} with every handle re-labelled according to {@code types}. */
  public static List<WitValue> retag(List<WitType> types, List<WitValue> values) {
    if (types.size() != values.size()) {
      return values; // the ABI reports the arity mismatch
    }
    List<WitValue> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      out.add(retag(types.get(i), values.get(i)));
    }
    return out;
  }

  /** {@code value} with every handle re-labelled according to {@code type}. */
  public static WitValue retag(WitType type, WitValue value) {
    return switch (type) {
      case WitType.OwnType o -> relabel(o.resource(), value);
      case WitType.BorrowType b -> relabel(b.resource(), value);
      case WitType.ListType l -> list(l.element(), value);
      case WitType.FixedListType l -> list(l.element(), value);
      case WitType.RecordType r -> value instanceof WitValue.RecordValue v ? record(r, v) : value;
      case WitType.TupleType t ->
          value instanceof WitValue.TupleValue v
              ? new WitValue.TupleValue(retag(t.elements(), v.elements()))
              : value;
      case WitType.VariantType t ->
          value instanceof WitValue.VariantValue v ? variant(t, v) : value;
      case WitType.OptionType t ->
          value instanceof WitValue.OptionValue v
              ? new WitValue.OptionValue(v.value().map(x -> retag(t.some(), x)))
              : value;
      case WitType.ResultType t -> value instanceof WitValue.ResultValue v ? result(t, v) : value;
      case WitType.Primitive p -> value;
      case WitType.EnumType e -> value;
      case WitType.FlagsType f -> value;
      case WitType.FutureType f -> value;
      case WitType.StreamType s -> value;
    };
  }

  private static WitValue list(WitType element, WitValue value) {
    // Walking a list whose elements cannot hold handles (a list<u8> body) would only copy it.
    return value instanceof WitValue.ListValue v && containsHandles(element)
        ? new WitValue.ListValue(each(element, v.elements()))
        : value;
  }

  private static WitValue relabel(ResourceType resource, WitValue value) {
    if (value instanceof WitValue.HandleValue h && h.resource() != resource) {
      return new WitValue.HandleValue(resource, h.handle());
    }
    return value;
  }

  private static List<WitValue> each(WitType element, List<WitValue> values) {
    List<WitValue> out = new ArrayList<>(values.size());
    for (WitValue v : values) {
      out.add(retag(element, v));
    }
    return out;
  }

  private static WitValue record(WitType.RecordType type, WitValue.RecordValue value) {
    if (type.fields().size() != value.fields().size()) {
      return value;
    }
    List<WitValue.RecordValue.Field> fields = new ArrayList<>(value.fields().size());
    for (int i = 0; i < type.fields().size(); i++) {
      WitValue.RecordValue.Field f = value.fields().get(i);
      fields.add(
          new WitValue.RecordValue.Field(f.name(), retag(type.fields().get(i).type(), f.value())));
    }
    return new WitValue.RecordValue(fields);
  }

  private static WitValue variant(WitType.VariantType type, WitValue.VariantValue value) {
    var index = type.indexOf(value.caseName());
    if (index.isEmpty() || value.payload().isEmpty()) {
      return value;
    }
    Optional<WitType> payload = type.cases().get(index.getAsInt()).payload();
    return payload
        .<WitValue>map(
            t ->
                new WitValue.VariantValue(
                    value.caseName(), Optional.of(retag(t, value.payload().get()))))
        .orElse(value);
  }

  private static WitValue result(WitType.ResultType type, WitValue.ResultValue value) {
    Optional<WitType> payloadType = value.isOk() ? type.ok() : type.err();
    if (payloadType.isEmpty() || value.payload().isEmpty()) {
      return value;
    }
    return new WitValue.ResultValue(
        value.isOk(), Optional.of(retag(payloadType.get(), value.payload().get())));
  }
}
