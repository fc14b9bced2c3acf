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
import dev.trellis.wrpc.wit.WitValue.RecordValue;
import dev.trellis.wrpc.wit.WitValue.StreamValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The resumable decoding machine: an explicit stack of partly decoded composite values, so that
 * running out of bytes anywhere just stops the machine and the next chunk continues where it left
 * off, without re-reading what was already decoded. Atomic items (see {@link AtomReader}) are read
 * whole or not at all; composite values get a level on the {@link TypeCursor} with their header
 * (length, discriminant, status) and the children decoded so far.
 */
final class ValueReader {
  private final ByteInput in;
  private final AtomReader atoms;
  private final WrpcCodecOptions options;
  private final TypeCursor cursor;
  private final TypeCursor.Root root;
  private final List<WitType> rootTypes;
  private final Optional<WitType> elementType;
  private final List<ArrayList<WitValue>> items = new ArrayList<>();
  private final ArrayList<PendingValue> pending = new ArrayList<>();
  private int[] count = new int[8];
  private boolean[] started = new boolean[8];
  private Optional<WrpcDecodeException> failure = Optional.empty();

  /**
   * @param rootTypes the values of a VALUES or SINGLE root
   * @param elementType the element type of an ELEMENTS root (a stream chunk)
   */
  ValueReader(
      ByteInput in,
      WrpcCodecOptions options,
      HandleCodec handles,
      TypeCursor cursor,
      TypeCursor.Root root,
      List<WitType> rootTypes,
      Optional<WitType> elementType) {
    this.in = in;
    this.options = options;
    this.atoms = new AtomReader(in, options, handles);
    this.cursor = cursor;
    this.root = root;
    this.rootTypes = List.copyOf(rootTypes);
    this.elementType = elementType;
    items.add(new ArrayList<>());
  }

  /** Decodes until the root is complete (true) or the buffered bytes run out (false). */
  boolean run() {
    if (failure.isPresent()) {
      WrpcDecodeException e = failure.get();
      throw new WrpcDecodeException(e.path(), "decoder already failed: " + e.problem(), e.offset());
    }
    while (true) {
      int d = cursor.depth;
      int mark = in.pos;
      boolean inChild = false;
      try {
        if (!started[d]) {
          start(d);
          started[d] = true;
          mark = in.pos;
        }
        if (cursor.next[d] < count[d]) {
          WitType child = childType(d);
          if (AtomReader.isAtomic(child)) {
            inChild = true;
            items.get(d).add(atoms.read(child));
            cursor.next[d]++;
          } else {
            push(child);
          }
          continue;
        }
      } catch (Underflow u) {
        in.pos = mark;
        return false;
      } catch (Malformed m) {
        Optional<WitType> leaf = inChild ? Optional.of(childType(d)) : Optional.empty();
        WrpcDecodeException e =
            new WrpcDecodeException(cursor.describe(inChild, leaf), m.problem(), m.offset());
        failure = Optional.of(e);
        throw e;
      }
      if (d == 0) {
        return true;
      }
      WitValue value = build(d);
      cursor.pop();
      items.get(d - 1).add(value);
      cursor.next[d - 1]++;
    }
  }

  /** The root's values once {@link #run()} returned true. */
  List<WitValue> values() {
    return List.copyOf(items.get(0));
  }

  /** The pending futures and streams met since the last call. */
  List<PendingValue> takePending() {
    if (pending.isEmpty()) {
      return List.of();
    }
    List<PendingValue> out = List.copyOf(pending);
    pending.clear();
    return out;
  }

  /** Readies the machine for the next root (the next stream chunk) at {@code elementBase}. */
  void reset(long elementBase) {
    cursor.reset();
    cursor.elementBase = elementBase;
    items.get(0).clear();
    started[0] = false;
    count[0] = 0;
  }

  /** A readable description of where decoding stopped, for "channel ended early" errors. */
  String describeStop() {
    boolean inChild = cursor.next[cursor.depth] < count[cursor.depth];
    return cursor.describe(inChild && started[cursor.depth], Optional.empty());
  }

  private void push(WitType type) {
    cursor.push(type);
    int d = cursor.depth;
    if (d == count.length) {
      count = Arrays.copyOf(count, d * 2);
      started = Arrays.copyOf(started, d * 2);
    }
    if (d == items.size()) {
      items.add(new ArrayList<>());
    }
    started[d] = false;
    count[d] = 0;
  }

  private void start(int d) {
    if (d == 0) {
      count[0] = root == TypeCursor.Root.ELEMENTS ? chunkLength() : rootTypes.size();
      return;
    }
    WitType type = cursor.types[d];
    switch (type) {
      case RecordType r -> count[d] = r.fields().size();
      case TupleType t -> count[d] = t.elements().size();
      case ListType l -> count[d] = atoms.listLength("list length");
      case FixedListType l -> count[d] = l.length();
      case VariantType v -> {
        int tag = atoms.discriminant(v.cases().size(), "variant");
        cursor.tag[d] = tag;
        count[d] = v.cases().get(tag).payload().isPresent() ? 1 : 0;
      }
      case OptionType o -> {
        cursor.tag[d] = atoms.tag("option");
        count[d] = cursor.tag[d];
      }
      case ResultType r -> {
        cursor.tag[d] = atoms.tag("result");
        count[d] = (cursor.tag[d] == 0 ? r.ok() : r.err()).isPresent() ? 1 : 0;
      }
      case FutureType f -> {
        cursor.tag[d] = atoms.tag("future");
        count[d] = cursor.tag[d] == 1 && f.payload().isPresent() ? 1 : 0;
      }
      case StreamType s -> startStream(d, s);
      case Primitive p -> throw framedAtom(type);
      case EnumType e -> throw framedAtom(type);
      case FlagsType f -> throw framedAtom(type);
      case OwnType o -> throw framedAtom(type);
      case BorrowType b -> throw framedAtom(type);
    }
  }

  private int chunkLength() {
    int start = in.pos;
    int n = atoms.listLength("stream chunk length");
    if (n > 0 && elementType.isEmpty()) {
      throw new Malformed("a stream without an element type cannot carry elements", offset(start));
    }
    if (cursor.elementBase + n > Integer.MAX_VALUE) {
      throw new Malformed("stream element index exceeds " + Integer.MAX_VALUE, offset(start));
    }
    return n;
  }

  private void startStream(int d, StreamType type) {
    int start = in.pos;
    int n;
    if (options.streamFormat() == StreamFormat.LIST) {
      n = atoms.listLength("stream length");
      cursor.tag[d] = n > 0 ? 1 : 0;
    } else {
      cursor.tag[d] = atoms.tag("stream");
      n = cursor.tag[d] == 1 ? atoms.listLength("stream length") : 0;
    }
    if (n > 0 && type.element().isEmpty()) {
      throw new Malformed("a stream without an element type cannot carry elements", offset(start));
    }
    count[d] = n;
  }

  private WitType childType(int d) {
    int i = cursor.next[d];
    if (d == 0) {
      return root == TypeCursor.Root.ELEMENTS ? elementType.orElseThrow() : rootTypes.get(i);
    }
    WitType type = cursor.types[d];
    return switch (type) {
      case RecordType r -> r.fields().get(i).type();
      case TupleType t -> t.elements().get(i);
      case ListType l -> l.element();
      case FixedListType l -> l.element();
      case VariantType v -> v.cases().get(cursor.tag[d]).payload().orElseThrow();
      case OptionType o -> o.some();
      case ResultType r -> (cursor.tag[d] == 0 ? r.ok() : r.err()).orElseThrow();
      case FutureType f -> f.payload().orElseThrow();
      case StreamType s -> s.element().orElseThrow();
      case Primitive p -> throw framedAtom(type);
      case EnumType e -> throw framedAtom(type);
      case FlagsType f -> throw framedAtom(type);
      case OwnType o -> throw framedAtom(type);
      case BorrowType b -> throw framedAtom(type);
    };
  }

  private WitValue build(int d) {
    WitType type = cursor.types[d];
    ArrayList<WitValue> children = items.get(d);
    int tag = cursor.tag[d];
    WitValue value =
        switch (type) {
          case RecordType r -> record(r, children);
          case TupleType t -> new WitValue.TupleValue(children);
          case ListType l -> new WitValue.ListValue(children);
          case FixedListType l -> new WitValue.ListValue(children);
          case VariantType v ->
              new WitValue.VariantValue(v.cases().get(tag).name(), single(children));
          case OptionType o -> tag == 0 ? WitValue.none() : WitValue.some(children.get(0));
          case ResultType r -> new WitValue.ResultValue(tag == 0, single(children));
          case FutureType f ->
              tag == 1 ? new FutureValue(true, single(children)) : pendingValue(d, f);
          case StreamType s -> tag == 1 ? StreamValue.ready(children) : pendingValue(d, s);
          case Primitive p -> throw framedAtom(type);
          case EnumType e -> throw framedAtom(type);
          case FlagsType f -> throw framedAtom(type);
          case OwnType o -> throw framedAtom(type);
          case BorrowType b -> throw framedAtom(type);
        };
    children.clear();
    return value;
  }

  private static Optional<WitValue> single(List<WitValue> children) {
    return children.isEmpty() ? Optional.empty() : Optional.of(children.get(0));
  }

  private static WitValue record(RecordType type, List<WitValue> children) {
    RecordValue.Field[] fields = new RecordValue.Field[children.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = new RecordValue.Field(type.fields().get(i).name(), children.get(i));
    }
    return new RecordValue(List.of(fields));
  }

  private WitValue pendingValue(int d, WitType type) {
    pending.add(new PendingValue(cursor.pathOfChildOf(d - 1), type));
    return type instanceof FutureType ? FutureValue.pending() : StreamValue.pending();
  }

  private long offset(int index) {
    return in.offsetOf(index);
  }

  private static IllegalStateException framedAtom(WitType type) {
    return new IllegalStateException(type + " is an atom and never gets a decoder frame");
  }
}
