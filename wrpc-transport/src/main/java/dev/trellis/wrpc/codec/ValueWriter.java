package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.wit.ByteList;
import dev.trellis.wrpc.wit.ResourceType;
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
import dev.trellis.wrpc.wit.WitTypeMismatchException;
import dev.trellis.wrpc.wit.WitTypes;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.EnumValue;
import dev.trellis.wrpc.wit.WitValue.FlagsValue;
import dev.trellis.wrpc.wit.WitValue.FutureValue;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import dev.trellis.wrpc.wit.WitValue.ListValue;
import dev.trellis.wrpc.wit.WitValue.OptionValue;
import dev.trellis.wrpc.wit.WitValue.RecordValue;
import dev.trellis.wrpc.wit.WitValue.ResultValue;
import dev.trellis.wrpc.wit.WitValue.StreamValue;
import dev.trellis.wrpc.wit.WitValue.TupleValue;
import dev.trellis.wrpc.wit.WitValue.U8Value;
import dev.trellis.wrpc.wit.WitValue.VariantValue;
import java.util.List;
import java.util.Optional;

/**
 * Encodes values in the wRPC value encoding, walking type and value together. The value is checked
 * as it is written; a mismatch throws {@link WitTypeMismatchException} naming the path. Futures and
 * streams are written pending or inline per {@link WrpcCodecOptions}; their index paths and
 * out-of-band contents go to the {@link AsyncCollector}.
 */
final class ValueWriter {
  private final WrpcCodecOptions options;
  private final HandleCodec handles;
  private final EncodeBuffer out;
  private final TypeCursor cursor;
  private final AsyncCollector async;

  ValueWriter(
      WrpcCodecOptions options,
      HandleCodec handles,
      EncodeBuffer out,
      TypeCursor cursor,
      AsyncCollector async) {
    this.options = options;
    this.handles = handles;
    this.out = out;
    this.cursor = cursor;
    this.async = async;
  }

  /** Writes the values one after another (a params or results tuple, or stream elements). */
  void writeAll(List<WitType> types, List<WitValue> values) {
    if (types.size() != values.size()) {
      throw new WitTypeMismatchException(
          cursor.describe(false, Optional.empty()),
          "expected " + types.size() + " values, got " + values.size());
    }
    for (int i = 0; i < types.size(); i++) {
      cursor.next[0] = i;
      write(types.get(i), values.get(i));
    }
  }

  /** Writes elements of one type one after another (stream elements). */
  void writeElements(WitType type, List<WitValue> values) {
    for (int i = 0; i < values.size(); i++) {
      cursor.next[0] = i;
      write(type, values.get(i));
    }
  }

  private void write(WitType type, WitValue value) {
    switch (type) {
      case Primitive p -> PrimitiveWriter.write(out, p, value, this);
      case ListType l -> list(l, value);
      case FixedListType l -> fixedList(l, value);
      case RecordType r -> record(r, value);
      case TupleType t -> tuple(t, value);
      case VariantType v -> variant(v, value);
      case EnumType e -> enumCase(e, value);
      case OptionType o -> option(o, value);
      case ResultType r -> result(r, value);
      case FlagsType f -> flags(f, value);
      case OwnType o -> handle(type, o.resource(), value);
      case BorrowType b -> handle(type, b.resource(), value);
      case FutureType f -> future(f, value);
      case StreamType s -> stream(s, value);
    }
  }

  /** The exception for {@code value} not conforming to {@code type} at the current position. */
  RuntimeException mismatch(WitType type, WitValue value) {
    String path = cursor.describe(true, Optional.empty());
    WitTypes.check(type, value, path);
    return new WitTypeMismatchException(path, "expected " + type);
  }

  private void list(ListType type, WitValue value) {
    if (!(value instanceof ListValue v)) {
      throw mismatch(type, value);
    }
    List<WitValue> elements = v.elements();
    out.writeUnsignedLeb128(elements.size());
    if (type.element() == Primitive.U8) {
      bytes(type, v);
      return;
    }
    children(type, type.element(), elements);
  }

  private void bytes(ListType type, ListValue value) {
    List<WitValue> elements = value.elements();
    if (elements instanceof ByteList bytes) {
      bytes.writeTo(out::writeBytes);
      return;
    }
    out.reserve(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      if (!(elements.get(i) instanceof U8Value b)) {
        throw mismatch(type, value);
      }
      out.writeByte(b.value());
    }
  }

  private void fixedList(FixedListType type, WitValue value) {
    if (!(value instanceof ListValue v) || v.elements().size() != type.length()) {
      throw mismatch(type, value);
    }
    children(type, type.element(), v.elements());
  }

  private void children(WitType container, WitType element, List<WitValue> elements) {
    cursor.push(container);
    int d = cursor.depth;
    for (int i = 0; i < elements.size(); i++) {
      cursor.next[d] = i;
      write(element, elements.get(i));
    }
    cursor.pop();
  }

  private void record(RecordType type, WitValue value) {
    if (!(value instanceof RecordValue v) || v.fields().size() != type.fields().size()) {
      throw mismatch(type, value);
    }
    cursor.push(type);
    int d = cursor.depth;
    for (int i = 0; i < type.fields().size(); i++) {
      RecordType.Field field = type.fields().get(i);
      RecordValue.Field actual = v.fields().get(i);
      if (!field.name().equals(actual.name())) {
        cursor.pop();
        throw mismatch(type, value);
      }
      cursor.next[d] = i;
      write(field.type(), actual.value());
    }
    cursor.pop();
  }

  private void tuple(TupleType type, WitValue value) {
    if (!(value instanceof TupleValue v) || v.elements().size() != type.elements().size()) {
      throw mismatch(type, value);
    }
    cursor.push(type);
    int d = cursor.depth;
    for (int i = 0; i < type.elements().size(); i++) {
      cursor.next[d] = i;
      write(type.elements().get(i), v.elements().get(i));
    }
    cursor.pop();
  }

  private void variant(VariantType type, WitValue value) {
    if (!(value instanceof VariantValue v)) {
      throw mismatch(type, value);
    }
    int index = caseIndex(type, v.caseName());
    if (index < 0 || type.cases().get(index).payload().isPresent() != v.payload().isPresent()) {
      throw mismatch(type, value);
    }
    out.writeUnsignedLeb128(index);
    if (v.payload().isPresent()) {
      payload(type, index, type.cases().get(index).payload().get(), v.payload().get());
    }
  }

  private static int caseIndex(VariantType type, String name) {
    List<VariantType.Case> cases = type.cases();
    for (int i = 0; i < cases.size(); i++) {
      if (cases.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Writes the payload of a variant, option, result or future, which adds no index. */
  private void payload(WitType container, int tag, WitType type, WitValue value) {
    cursor.push(container);
    cursor.tag[cursor.depth] = tag;
    write(type, value);
    cursor.pop();
  }

  private void enumCase(EnumType type, WitValue value) {
    if (!(value instanceof EnumValue v)) {
      throw mismatch(type, value);
    }
    int index = type.cases().indexOf(v.caseName());
    if (index < 0) {
      throw mismatch(type, value);
    }
    out.writeUnsignedLeb128(index);
  }

  private void option(OptionType type, WitValue value) {
    if (!(value instanceof OptionValue v)) {
      throw mismatch(type, value);
    }
    if (v.value().isEmpty()) {
      out.writeByte(0);
      return;
    }
    out.writeByte(1);
    payload(type, 1, type.some(), v.value().get());
  }

  private void result(ResultType type, WitValue value) {
    if (!(value instanceof ResultValue v)) {
      throw mismatch(type, value);
    }
    Optional<WitType> payloadType = v.isOk() ? type.ok() : type.err();
    if (payloadType.isPresent() != v.payload().isPresent()) {
      throw mismatch(type, value);
    }
    int tag = v.isOk() ? 0 : 1;
    out.writeByte(tag);
    if (payloadType.isPresent()) {
      payload(type, tag, payloadType.get(), v.payload().get());
    }
  }

  private void flags(FlagsType type, WitValue value) {
    if (!(value instanceof FlagsValue v)) {
      throw mismatch(type, value);
    }
    List<String> names = type.flags();
    int n = (names.size() + 7) >>> 3;
    int set = 0;
    byte[] bits = new byte[n];
    for (int i = 0; i < names.size(); i++) {
      if (v.flags().contains(names.get(i))) {
        bits[i >>> 3] |= (byte) (1 << (i & 7));
        set++;
      }
    }
    if (set != v.flags().size()) {
      throw mismatch(type, value);
    }
    out.writeBytes(bits, 0, n);
  }

  private void handle(WitType type, ResourceType resource, WitValue value) {
    if (!(value instanceof HandleValue h) || h.resource() != resource) {
      throw mismatch(type, value);
    }
    byte[] wire = handles.toWire(h);
    out.writeUnsignedLeb128(wire.length);
    out.writeBytes(wire, 0, wire.length);
  }

  private void future(FutureType type, WitValue value) {
    if (!(value instanceof FutureValue v)
        || (v.isReady() && v.payload().isPresent() != type.payload().isPresent())) {
      throw mismatch(type, value);
    }
    if (!v.isReady()) {
      out.writeByte(0);
      async.pending(new PendingValue(cursor.currentPath(), type));
    } else if (options.inlineReadyAsync()) {
      out.writeByte(1);
      if (v.payload().isPresent()) {
        payload(type, 1, type.payload().get(), v.payload().get());
      }
    } else {
      out.writeByte(0);
      IndexPath path = cursor.currentPath();
      EncodeBuffer contents = new EncodeBuffer();
      ValueWriter nested = nested(contents, path, TypeCursor.Root.SINGLE);
      nested.writeAll(
          type.payload().map(List::of).orElse(List.of()),
          v.payload().map(List::of).orElse(List.of()));
      async.payload(new AsyncPayload(path, type, contents.asByteBuffer()));
    }
  }

  private void stream(StreamType type, WitValue value) {
    if (!(value instanceof StreamValue v)
        || (type.element().isEmpty() && !v.elements().isEmpty())) {
      throw mismatch(type, value);
    }
    List<WitValue> elements = v.elements();
    boolean listFormat = options.streamFormat() == StreamFormat.LIST;
    if (!v.isReady()) {
      out.writeByte(0);
      async.pending(new PendingValue(cursor.currentPath(), type));
    } else if (options.inlineReadyAsync() && !(listFormat && elements.isEmpty())) {
      if (!listFormat) {
        out.writeByte(1);
      }
      out.writeUnsignedLeb128(elements.size());
      if (!elements.isEmpty()) {
        children(type, type.element().get(), elements);
      }
    } else {
      out.writeByte(0);
      IndexPath path = cursor.currentPath();
      EncodeBuffer contents = new EncodeBuffer();
      if (!elements.isEmpty()) {
        contents.writeUnsignedLeb128(elements.size());
        nested(contents, path, TypeCursor.Root.ELEMENTS)
            .writeElements(type.element().get(), elements);
      }
      contents.writeByte(0);
      async.payload(new AsyncPayload(path, type, contents.asByteBuffer()));
    }
  }

  private ValueWriter nested(EncodeBuffer contents, IndexPath path, TypeCursor.Root root) {
    TypeCursor inner = new TypeCursor(cursor.describe(true, Optional.empty()), path, root);
    return new ValueWriter(options, handles, contents, inner, async);
  }
}
