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
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.FutureValue;
import dev.trellis.wrpc.wit.WitValue.ListValue;
import dev.trellis.wrpc.wit.WitValue.OptionValue;
import dev.trellis.wrpc.wit.WitValue.RecordValue;
import dev.trellis.wrpc.wit.WitValue.ResultValue;
import dev.trellis.wrpc.wit.WitValue.StreamValue;
import dev.trellis.wrpc.wit.WitValue.TupleValue;
import dev.trellis.wrpc.wit.WitValue.VariantValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** What a value looks like after the wire, for expectations in round-trip tests. */
final class Normalize {
  private Normalize() {}

  /** Every future and stream pending, as the default (out-of-band) encoding sends them. */
  static WitValue asyncPending(WitValue value) {
    return map(
        value,
        v -> {
          if (v instanceof FutureValue) {
            return FutureValue.pending();
          }
          return v instanceof StreamValue ? StreamValue.pending() : v;
        });
  }

  /** Ready empty streams pending, as the inline list layout must send them. */
  static WitValue emptyStreamsPending(WitValue value) {
    return map(
        value,
        v ->
            v instanceof StreamValue s && s.isReady() && s.elements().isEmpty()
                ? StreamValue.pending()
                : v);
  }

  /** Applies {@code leaf} bottom-up to every value inside {@code value}, then to it. */
  private static WitValue map(WitValue value, UnaryOperator<WitValue> leaf) {
    return leaf.apply(children(value, leaf));
  }

  private static WitValue children(WitValue value, UnaryOperator<WitValue> leaf) {
    if (value instanceof ListValue l) {
      return new ListValue(all(l.elements(), leaf));
    } else if (value instanceof TupleValue t) {
      return new TupleValue(all(t.elements(), leaf));
    } else if (value instanceof RecordValue r) {
      List<RecordValue.Field> fields = new ArrayList<>();
      r.fields().forEach(f -> fields.add(new RecordValue.Field(f.name(), map(f.value(), leaf))));
      return new RecordValue(fields);
    } else if (value instanceof VariantValue v) {
      return new VariantValue(v.caseName(), v.payload().map(p -> map(p, leaf)));
    } else if (value instanceof OptionValue o) {
      return new OptionValue(o.value().map(p -> map(p, leaf)));
    } else if (value instanceof ResultValue r) {
      return new ResultValue(r.isOk(), r.payload().map(p -> map(p, leaf)));
    } else if (value instanceof FutureValue f && f.isReady()) {
      return new FutureValue(true, f.payload().map(p -> map(p, leaf)));
    } else if (value instanceof StreamValue s && s.isReady()) {
      return StreamValue.ready(all(s.elements(), leaf));
    }
    return value;
  }

  private static List<WitValue> all(List<WitValue> values, UnaryOperator<WitValue> leaf) {
    List<WitValue> out = new ArrayList<>();
    values.forEach(v -> out.add(map(v, leaf)));
    return out;
  }

  /** Records every future and stream by the wRPC index path it travels on. */
  static void collectAsync(
      WitType type, WitValue value, IndexPath path, Map<IndexPath, WitValue> out) {
    switch (type) {
      case ListType l -> indexed(l.element(), ((ListValue) value).elements(), path, out);
      case FixedListType l -> indexed(l.element(), ((ListValue) value).elements(), path, out);
      case RecordType r -> {
        List<RecordValue.Field> fields = ((RecordValue) value).fields();
        for (int i = 0; i < fields.size(); i++) {
          collectAsync(r.fields().get(i).type(), fields.get(i).value(), path.child(i), out);
        }
      }
      case TupleType t -> {
        List<WitValue> elements = ((TupleValue) value).elements();
        for (int i = 0; i < elements.size(); i++) {
          collectAsync(t.elements().get(i), elements.get(i), path.child(i), out);
        }
      }
      case VariantType v -> {
        VariantValue vv = (VariantValue) value;
        v.cases().stream()
            .filter(c -> c.name().equals(vv.caseName()))
            .findFirst()
            .flatMap(VariantType.Case::payload)
            .ifPresent(t -> collectAsync(t, vv.payload().orElseThrow(), path, out));
      }
      case OptionType o ->
          ((OptionValue) value).value().ifPresent(v -> collectAsync(o.some(), v, path, out));
      case ResultType r -> {
        ResultValue rv = (ResultValue) value;
        (rv.isOk() ? r.ok() : r.err())
            .ifPresent(t -> collectAsync(t, rv.payload().orElseThrow(), path, out));
      }
      case FutureType f -> {
        out.put(path, value);
        FutureValue fv = (FutureValue) value;
        f.payload().ifPresent(t -> fv.payload().ifPresent(v -> collectAsync(t, v, path, out)));
      }
      case StreamType s -> {
        out.put(path, value);
        s.element().ifPresent(t -> indexed(t, ((StreamValue) value).elements(), path, out));
      }
      case Primitive p -> {}
      case EnumType e -> {}
      case FlagsType f -> {}
      case OwnType o -> {}
      case BorrowType b -> {}
    }
  }

  private static void indexed(
      WitType element, List<WitValue> values, IndexPath path, Map<IndexPath, WitValue> out) {
    for (int i = 0; i < values.size(); i++) {
      collectAsync(element, values.get(i), path.child(i), out);
    }
  }
}
