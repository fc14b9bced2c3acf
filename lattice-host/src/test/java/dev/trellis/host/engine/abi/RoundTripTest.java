package dev.trellis.host.engine.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import dev.trellis.wrpc.wit.WitTypes;
import dev.trellis.wrpc.wit.WitValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lowering then lifting any value gives it back, flat and through memory, in every string encoding
 * and from every source encoding. Types and values are random with a fixed seed.
 */
class RoundTripTest {
  private static final int ITERATIONS = 3000;
  private static final String[] CHARS = {"a", "Z", " ", "é", "ÿ", "☃", "€", "😀", "\u0000"};

  private final Random random = new Random(0x7e11150L);
  private final ResourceType resource = new ResourceType("res");

  @Test
  void lowerThenLiftIsTheIdentity() {
    GuestMemory guest = new GuestMemory();
    StringEncoding[] encodings = StringEncoding.values();
    for (int i = 0; i < ITERATIONS; i++) {
      WitType type = type(3);
      WitValue value = value(type);
      WitTypes.check(type, value);
      guest.reset();
      StringEncoding dst = encodings[random.nextInt(encodings.length)];
      Cx cx = guest.cx(dst, encodings[random.nextInt(encodings.length)]);
      AbiType abi = AbiTypes.compile(type);
      String what = "iteration " + i + ": " + WitTypes.describe(type);

      long[] flat = new long[abi.flat().length];
      Lowering.lowerFlat(cx, abi, value, flat, 0);
      assertEquals(value, Lifting.liftFlat(cx, abi, flat, 0), what + " (flat)");

      int ptr = cx.allocate(abi.alignment(), abi.size(), "value");
      Lowering.store(cx, abi, value, ptr);
      assertEquals(value, Lifting.load(cx, abi, ptr), what + " (memory)");
    }
  }

  private WitType type(int depth) {
    int pick = random.nextInt(depth == 0 ? 14 : 25);
    if (pick < Primitive.values().length) {
      return Primitive.values()[pick];
    }
    return switch (pick) {
      case 13 -> new OwnType(resource);
      case 14 -> new BorrowType(resource);
      case 15 -> new ListType(type(depth - 1));
      case 16 -> new FixedListType(type(depth - 1), 1 + random.nextInt(3));
      case 17 -> record(depth);
      case 18 -> new TupleType(types(depth));
      case 19 -> variant(depth);
      case 20 -> new EnumType(Optional.empty(), labels(1 + random.nextInt(4)));
      case 21 -> new OptionType(type(depth - 1));
      case 22 ->
          new ResultType(
              random.nextBoolean() ? Optional.of(type(depth - 1)) : Optional.empty(),
              random.nextBoolean() ? Optional.of(type(depth - 1)) : Optional.empty());
      case 23 -> new FlagsType(Optional.empty(), labels(1 + random.nextInt(32)));
      default -> variant(depth);
    };
  }

  private List<WitType> types(int depth) {
    List<WitType> types = new ArrayList<>();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      types.add(type(depth - 1));
    }
    return types;
  }

  private static List<String> labels(int n) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      labels.add("c" + i);
    }
    return labels;
  }

  private WitType record(int depth) {
    List<RecordType.Field> fields = new ArrayList<>();
    List<WitType> types = types(depth);
    for (int i = 0; i < types.size(); i++) {
      fields.add(new RecordType.Field("f" + i, types.get(i)));
    }
    return new RecordType(Optional.empty(), fields);
  }

  private WitType variant(int depth) {
    List<VariantType.Case> cases = new ArrayList<>();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      Optional<WitType> payload =
          random.nextInt(3) == 0 ? Optional.empty() : Optional.of(type(depth - 1));
      cases.add(new VariantType.Case("c" + i, payload));
    }
    return new VariantType(Optional.empty(), cases);
  }

  private WitValue value(WitType type) {
    return switch (type) {
      case Primitive p -> primitive(p);
      case ListType l -> new WitValue.ListValue(values(l.element(), random.nextInt(4)));
      case FixedListType l -> new WitValue.ListValue(values(l.element(), l.length()));
      case RecordType r -> {
        List<WitValue.RecordValue.Field> fields = new ArrayList<>();
        for (RecordType.Field f : r.fields()) {
          fields.add(new WitValue.RecordValue.Field(f.name(), value(f.type())));
        }
        yield new WitValue.RecordValue(fields);
      }
      case TupleType t -> {
        List<WitValue> elements = new ArrayList<>();
        for (WitType e : t.elements()) {
          elements.add(value(e));
        }
        yield new WitValue.TupleValue(elements);
      }
      case VariantType v -> {
        VariantType.Case c = v.cases().get(random.nextInt(v.cases().size()));
        yield new WitValue.VariantValue(c.name(), c.payload().map(this::value));
      }
      case EnumType e -> WitValue.enumCase(e.cases().get(random.nextInt(e.cases().size())));
      case OptionType o -> random.nextBoolean() ? WitValue.none() : WitValue.some(value(o.some()));
      case ResultType r -> {
        boolean ok = random.nextBoolean();
        Optional<WitType> payload = ok ? r.ok() : r.err();
        yield new WitValue.ResultValue(ok, payload.map(this::value));
      }
      case FlagsType f -> {
        Set<String> set = new LinkedHashSet<>();
        for (String flag : f.flags()) {
          if (random.nextBoolean()) {
            set.add(flag);
          }
        }
        yield new WitValue.FlagsValue(set);
      }
      case OwnType o -> new WitValue.HandleValue(o.resource(), random.nextInt() & 0xFFFF_FFFFL);
      case BorrowType b -> new WitValue.HandleValue(b.resource(), random.nextInt() & 0xFFFF_FFFFL);
      case FutureType f -> throw new IllegalArgumentException("not generated");
      case StreamType s -> throw new IllegalArgumentException("not generated");
    };
  }

  private List<WitValue> values(WitType element, int n) {
    List<WitValue> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(value(element));
    }
    return values;
  }

  private WitValue primitive(Primitive p) {
    return switch (p) {
      case BOOL -> WitValue.bool(random.nextBoolean());
      case S8 -> WitValue.s8((byte) random.nextInt());
      case U8 -> WitValue.u8(random.nextInt(256));
      case S16 -> WitValue.s16((short) random.nextInt());
      case U16 -> WitValue.u16(random.nextInt(65536));
      case S32 -> WitValue.s32(random.nextInt());
      case U32 -> WitValue.u32(random.nextInt() & 0xFFFF_FFFFL);
      case S64 -> WitValue.s64(random.nextLong());
      case U64 -> WitValue.u64(random.nextLong());
      case F32 -> WitValue.f32(Float.intBitsToFloat(random.nextInt()));
      case F64 -> WitValue.f64(Double.longBitsToDouble(random.nextLong()));
      case CHAR -> WitValue.character(CHARS[random.nextInt(CHARS.length)].codePointAt(0));
      case STRING -> WitValue.string(string());
    };
  }

  private String string() {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      sb.append(CHARS[random.nextInt(CHARS.length)]);
    }
    return sb.toString();
  }
}
