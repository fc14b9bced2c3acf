package dev.trellis.wrpc.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trellis.wrpc.wit.WitType.EnumType;
import dev.trellis.wrpc.wit.WitType.FixedListType;
import dev.trellis.wrpc.wit.WitType.FlagsType;
import dev.trellis.wrpc.wit.WitType.ListType;
import dev.trellis.wrpc.wit.WitType.OptionType;
import dev.trellis.wrpc.wit.WitType.Primitive;
import dev.trellis.wrpc.wit.WitType.RecordType;
import dev.trellis.wrpc.wit.WitType.ResultType;
import dev.trellis.wrpc.wit.WitType.TupleType;
import dev.trellis.wrpc.wit.WitType.VariantType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Generated types and values (fixed seed): printing then parsing gives the same value back, and
 * mangled text fails only with {@link WaveParseException}.
 */
class WaveRoundTripPropertyTest {
  private static final int CASES = 2_000;
  private static final List<String> LABELS =
      List.of(
          "a",
          "b",
          "x",
          "two-words",
          "HTTP3",
          "method-GET",
          "a-1",
          "ok",
          "err",
          "none",
          "some",
          "true",
          "nan",
          "inf",
          "field-42-2A");
  private static final int[] INTERESTING_CHARS = {
    'a', 'Z', ' ', '\'', '"', '\\', '\n', '\r', '\t', 0, 0x7f, 0x85, 0xa0, 0xad, 0x301, 0x200b,
    0x2028, 0x2603, 0xfe0e, 0xe000, 0xfffd, 0x1f30a, 0x1f600, 0x10ffff, 0x378, '/', '{', '}'
  };

  @Test
  void printedValuesParseBackToTheSameValue() {
    Random random = new Random(0x7AE11150L);
    for (int i = 0; i < CASES; i++) {
      WitType type = type(random, 4);
      WitValue value = value(random, type);
      WitTypes.check(type, value);
      String text = Wave.print(value);
      WitValue parsed;
      try {
        parsed = Wave.parse(text, type);
      } catch (WaveParseException e) {
        throw new AssertionError("case " + i + ": " + type + " text " + text, e);
      }
      int n = i;
      assertEquals(value, parsed, () -> "case " + n + " type " + type + " text " + text);
      assertEquals(text, Wave.print(parsed));
    }
  }

  @Test
  void mangledTextFailsOnlyWithWaveParseException() {
    Random random = new Random(42);
    for (int i = 0; i < CASES; i++) {
      WitType type = type(random, 3);
      String text = mangle(random, Wave.print(value(random, type)));
      try {
        WitValue parsed = Wave.parse(text, type);
        WitTypes.check(type, parsed);
      } catch (WaveParseException expected) {
        // the only acceptable failure
      } catch (RuntimeException | StackOverflowError e) {
        fail("type " + type + " text " + text + " threw " + e, e);
      }
    }
  }

  private static String mangle(Random random, String text) {
    StringBuilder s = new StringBuilder(text);
    String noise = "[](){}:,'\"\\%-. \n/0123456789abcnoktrue\"\"\"";
    for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
      int at = s.isEmpty() ? 0 : random.nextInt(s.length());
      switch (random.nextInt(3)) {
        case 0 -> s.insert(at, noise.charAt(random.nextInt(noise.length())));
        case 1 -> {
          if (!s.isEmpty() && !Character.isSurrogate(s.charAt(at))) {
            s.deleteCharAt(at);
          }
        }
        default -> s.insert(at, text, 0, Math.min(text.length(), random.nextInt(4)));
      }
    }
    return s.toString();
  }

  // ---- generators ----

  private static WitType type(Random r, int depth) {
    if (depth == 0 || r.nextInt(3) == 0) {
      Primitive[] all = Primitive.values();
      return all[r.nextInt(all.length)];
    }
    return switch (r.nextInt(9)) {
      case 0 -> new ListType(type(r, depth - 1));
      case 1 -> new FixedListType(type(r, depth - 1), 1 + r.nextInt(3));
      case 2 ->
          new RecordType(
              name(r), labels(r).stream().map(l -> WitType.field(l, type(r, depth - 1))).toList());
      case 3 -> new TupleType(types(r, depth - 1, 1 + r.nextInt(3)));
      case 4 ->
          new VariantType(
              name(r),
              labels(r).stream()
                  .map(l -> new VariantType.Case(l, optionalType(r, depth - 1)))
                  .toList());
      case 5 -> new EnumType(name(r), labels(r));
      case 6 -> new OptionType(type(r, depth - 1));
      case 7 -> new ResultType(optionalType(r, depth - 1), optionalType(r, depth - 1));
      default -> new FlagsType(name(r), labels(r));
    };
  }

  private static Optional<String> name(Random r) {
    return r.nextBoolean() ? Optional.of("t" + r.nextInt(10)) : Optional.empty();
  }

  private static List<String> labels(Random r) {
    List<String> shuffled = new ArrayList<>(LABELS);
    Collections.shuffle(shuffled, r);
    return shuffled.subList(0, 1 + r.nextInt(4));
  }

  private static List<WitType> types(Random r, int depth, int n) {
    List<WitType> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(type(r, depth));
    }
    return out;
  }

  private static Optional<WitType> optionalType(Random r, int depth) {
    return r.nextBoolean() ? Optional.of(type(r, depth)) : Optional.empty();
  }

  private static WitValue value(Random r, WitType type) {
    return switch (type) {
      case Primitive p -> primitive(r, p);
      case ListType l -> new WitValue.ListValue(values(r, l.element(), r.nextInt(4)));
      case FixedListType l -> new WitValue.ListValue(values(r, l.element(), l.length()));
      case RecordType rec ->
          new WitValue.RecordValue(
              rec.fields().stream()
                  .map(f -> WitValue.field(f.name(), value(r, f.type())))
                  .toList());
      case TupleType t ->
          new WitValue.TupleValue(t.elements().stream().map(e -> value(r, e)).toList());
      case VariantType v -> {
        VariantType.Case c = v.cases().get(r.nextInt(v.cases().size()));
        yield new WitValue.VariantValue(c.name(), c.payload().map(p -> value(r, p)));
      }
      case EnumType e -> WitValue.enumCase(e.cases().get(r.nextInt(e.cases().size())));
      case OptionType o ->
          new WitValue.OptionValue(
              r.nextInt(3) == 0 ? Optional.empty() : Optional.of(value(r, o.some())));
      case ResultType res -> {
        boolean ok = r.nextBoolean();
        Optional<WitType> payload = ok ? res.ok() : res.err();
        yield new WitValue.ResultValue(ok, payload.map(p -> value(r, p)));
      }
      case FlagsType f -> {
        Set<String> set = new LinkedHashSet<>();
        f.flags().stream().filter(x -> r.nextBoolean()).forEach(set::add);
        yield new WitValue.FlagsValue(set);
      }
      case WitType.OwnType o -> throw new AssertionError("not generated");
      case WitType.BorrowType b -> throw new AssertionError("not generated");
      case WitType.FutureType f -> throw new AssertionError("not generated");
      case WitType.StreamType s -> throw new AssertionError("not generated");
    };
  }

  private static List<WitValue> values(Random r, WitType element, int n) {
    List<WitValue> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(value(r, element));
    }
    return out;
  }

  private static WitValue primitive(Random r, Primitive p) {
    long bits = r.nextInt(4) == 0 ? extreme(r) : r.nextLong();
    return switch (p) {
      case BOOL -> WitValue.bool(r.nextBoolean());
      case S8 -> WitValue.s8((byte) bits);
      case U8 -> WitValue.u8((int) (bits & 0xFF));
      case S16 -> WitValue.s16((short) bits);
      case U16 -> WitValue.u16((int) (bits & 0xFFFF));
      case S32 -> WitValue.s32((int) bits);
      case U32 -> WitValue.u32(bits & 0xFFFF_FFFFL);
      case S64 -> WitValue.s64(bits);
      case U64 -> WitValue.u64(bits);
      case F32 -> WitValue.f32(r.nextBoolean() ? Float.intBitsToFloat((int) bits) : r.nextFloat());
      case F64 -> WitValue.f64(r.nextBoolean() ? Double.longBitsToDouble(bits) : r.nextDouble());
      case CHAR -> WitValue.character(codePoint(r));
      case STRING -> {
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(6); i > 0; i--) {
          s.appendCodePoint(codePoint(r));
        }
        yield WitValue.string(s.toString());
      }
    };
  }

  private static long extreme(Random r) {
    long[] edges = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 0x80, 0x7f, 0x8000, 0x80000000L};
    return edges[r.nextInt(edges.length)];
  }

  private static int codePoint(Random r) {
    if (r.nextBoolean()) {
      return INTERESTING_CHARS[r.nextInt(INTERESTING_CHARS.length)];
    }
    while (true) {
      int cp = r.nextInt(0x110000);
      if (cp < 0xD800 || cp > 0xDFFF) {
        return cp;
      }
    }
  }
}
