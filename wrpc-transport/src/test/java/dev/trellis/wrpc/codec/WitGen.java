package dev.trellis.wrpc.codec;

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
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.FutureValue;
import dev.trellis.wrpc.wit.WitValue.StreamValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

/**
 * Random WIT types and conforming values for property tests. A future's payload is never itself
 * async at the future's own index (e.g. {@code future<future<u8>>}), since wRPC would put both on
 * the same channel.
 */
final class WitGen {
  static final ResourceType FILE = new ResourceType("file");
  static final ResourceType SOCKET = new ResourceType("socket");

  private static final String[] LABELS = {"a", "b", "x", "y", "two-words", "HTTP3", "a-1", "ok"};
  private static final long[] EDGE_LONGS = {
    0,
    1,
    -1,
    63,
    64,
    -64,
    -65,
    127,
    128,
    8191,
    8192,
    -8193,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    0xFFFF_FFFFL,
    1L << 35,
    -(1L << 27) - 1
  };
  private static final int[] CHARS = {'a', 0, 0x7f, 0x80, 0x7ff, 0x800, 0xfffd, 0x10000, 0x10ffff};

  private final Random r;

  WitGen(long seed) {
    this.r = new Random(seed);
  }

  Random random() {
    return r;
  }

  List<WitType> types(int max) {
    int n = r.nextInt(max + 1);
    List<WitType> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(type(3));
    }
    return out;
  }

  WitType type(int depth) {
    int pick = depth <= 0 ? 0 : r.nextInt(15);
    return switch (pick) {
      case 0, 1 -> Primitive.values()[r.nextInt(Primitive.values().length)];
      case 2 -> new ListType(r.nextInt(3) == 0 ? Primitive.U8 : type(depth - 1));
      case 3 -> new FixedListType(type(depth - 1), 1 + r.nextInt(3));
      case 4 -> record(depth);
      case 5 -> tuple(depth);
      case 6 -> variant(depth);
      case 7 -> new EnumType(name(), labels(1 + r.nextInt(5)));
      case 8 -> new OptionType(type(depth - 1));
      case 9 -> new ResultType(maybe(depth), maybe(depth));
      case 10 -> new FlagsType(name(), flagNames());
      case 11 -> r.nextBoolean() ? new OwnType(FILE) : new BorrowType(SOCKET);
      case 12 -> new FutureType(futurePayload(depth));
      case 13 -> new StreamType(Optional.of(type(depth - 1)));
      default -> Primitive.STRING;
    };
  }

  private Optional<WitType> futurePayload(int depth) {
    if (r.nextInt(4) == 0) {
      return Optional.empty();
    }
    WitType t = type(depth - 1);
    return AsyncPaths.of(List.of(t)).contains(new IndexPattern(List.of(OptionalInt.of(0))))
        ? Optional.of(new TupleType(List.of(t)))
        : Optional.of(t);
  }

  private Optional<WitType> maybe(int depth) {
    return r.nextInt(3) == 0 ? Optional.empty() : Optional.of(type(depth - 1));
  }

  private Optional<String> name() {
    return r.nextBoolean() ? Optional.of("t-" + r.nextInt(9)) : Optional.empty();
  }

  private List<String> labels(int n) {
    List<String> pool = new ArrayList<>(List.of(LABELS));
    for (int i = 0; i < 6; i++) {
      pool.add("l" + i);
    }
    Collections.shuffle(pool, r);
    return List.copyOf(pool.subList(0, n));
  }

  private List<String> flagNames() {
    int n =
        switch (r.nextInt(4)) {
          case 0 -> 1 + r.nextInt(8);
          case 1 -> 9 + r.nextInt(16);
          case 2 -> 25 + r.nextInt(40);
          default -> 120 + r.nextInt(20);
        };
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("f" + i);
    }
    return out;
  }

  private WitType record(int depth) {
    List<RecordType.Field> fields = new ArrayList<>();
    for (String l : labels(1 + r.nextInt(4))) {
      fields.add(new RecordType.Field(l, type(depth - 1)));
    }
    return new RecordType(name(), fields);
  }

  private WitType tuple(int depth) {
    List<WitType> elements = new ArrayList<>();
    for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
      elements.add(type(depth - 1));
    }
    return new TupleType(elements);
  }

  private WitType variant(int depth) {
    List<VariantType.Case> cases = new ArrayList<>();
    for (String l : labels(1 + r.nextInt(4))) {
      cases.add(new VariantType.Case(l, maybe(depth)));
    }
    return new VariantType(name(), cases);
  }

  List<WitValue> values(List<WitType> types) {
    List<WitValue> out = new ArrayList<>();
    for (WitType t : types) {
      out.add(value(t));
    }
    return out;
  }

  WitValue value(WitType type) {
    return switch (type) {
      case Primitive p -> primitive(p);
      case ListType l -> new WitValue.ListValue(many(l.element(), r.nextInt(4)));
      case FixedListType l -> new WitValue.ListValue(many(l.element(), l.length()));
      case RecordType rec -> {
        List<WitValue.RecordValue.Field> fields = new ArrayList<>();
        rec.fields()
            .forEach(f -> fields.add(new WitValue.RecordValue.Field(f.name(), value(f.type()))));
        yield new WitValue.RecordValue(fields);
      }
      case TupleType t -> new WitValue.TupleValue(values(t.elements()));
      case VariantType v -> {
        VariantType.Case c = v.cases().get(r.nextInt(v.cases().size()));
        yield new WitValue.VariantValue(c.name(), c.payload().map(this::value));
      }
      case EnumType e -> new WitValue.EnumValue(e.cases().get(r.nextInt(e.cases().size())));
      case OptionType o -> r.nextBoolean() ? WitValue.none() : WitValue.some(value(o.some()));
      case ResultType res -> {
        boolean ok = r.nextBoolean();
        yield new WitValue.ResultValue(ok, (ok ? res.ok() : res.err()).map(this::value));
      }
      case FlagsType f -> {
        Set<String> set = new LinkedHashSet<>();
        f.flags()
            .forEach(
                n -> {
                  if (r.nextInt(3) == 0) set.add(n);
                });
        yield new WitValue.FlagsValue(set);
      }
      case OwnType o -> new WitValue.HandleValue(o.resource(), r.nextLong());
      case BorrowType b -> new WitValue.HandleValue(b.resource(), r.nextInt(1000));
      case FutureType f ->
          r.nextInt(3) == 0
              ? FutureValue.pending()
              : new FutureValue(true, f.payload().map(this::value));
      case StreamType s ->
          r.nextInt(3) == 0
              ? StreamValue.pending()
              : StreamValue.ready(many(s.element().orElseThrow(), r.nextInt(4)));
    };
  }

  private List<WitValue> many(WitType type, int n) {
    List<WitValue> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(value(type));
    }
    return out;
  }

  private WitValue primitive(Primitive p) {
    long x =
        r.nextInt(3) == 0
            ? EDGE_LONGS[r.nextInt(EDGE_LONGS.length)]
            : r.nextLong() >> r.nextInt(64);
    return switch (p) {
      case BOOL -> WitValue.bool(r.nextBoolean());
      case S8 -> new WitValue.S8Value((byte) x);
      case U8 -> WitValue.u8((int) (x & 0xFF));
      case S16 -> new WitValue.S16Value((short) x);
      case U16 -> WitValue.u16((int) (x & 0xFFFF));
      case S32 -> WitValue.s32((int) x);
      case U32 -> WitValue.u32(x & 0xFFFF_FFFFL);
      case S64 -> WitValue.s64(x);
      case U64 -> WitValue.u64(x);
      case F32 -> WitValue.f32(r.nextInt(5) == 0 ? Float.NaN : Float.intBitsToFloat((int) x));
      case F64 -> WitValue.f64(Double.longBitsToDouble(x));
      case CHAR -> WitValue.character(character());
      case STRING -> WitValue.string(string());
    };
  }

  private int character() {
    if (r.nextBoolean()) {
      return CHARS[r.nextInt(CHARS.length)];
    }
    int cp;
    do {
      cp = r.nextInt(0x110000);
    } while (cp >= 0xD800 && cp <= 0xDFFF);
    return cp;
  }

  private String string() {
    StringBuilder out = new StringBuilder();
    for (int i = 0, n = r.nextInt(r.nextInt(10) == 0 ? 300 : 8); i < n; i++) {
      out.appendCodePoint(r.nextInt(3) == 0 ? character() : 'a' + r.nextInt(26));
    }
    return out.toString();
  }
}
