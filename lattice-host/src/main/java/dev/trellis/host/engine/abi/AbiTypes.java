package dev.trellis.host.engine.abi;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.abi.AbiType.Async;
import dev.trellis.host.engine.abi.AbiType.FixedList;
import dev.trellis.host.engine.abi.AbiType.Flags;
import dev.trellis.host.engine.abi.AbiType.Handle;
import dev.trellis.host.engine.abi.AbiType.ListOf;
import dev.trellis.host.engine.abi.AbiType.Scalar;
import dev.trellis.host.engine.abi.AbiType.Str;
import dev.trellis.host.engine.abi.AbiType.Struct;
import dev.trellis.host.engine.abi.AbiType.Variant;
import dev.trellis.host.engine.abi.AbiType.VariantKind;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Compiles {@link WitType}s into {@link AbiType}s: the layout rules of the canonical ABI ({@code
 * alignment}, {@code elem_size}, {@code discriminant_type}, {@code flatten_type}) applied once per
 * type node.
 */
final class AbiTypes {
  private static final FlatType[] I32 = {FlatType.I32};
  private static final FlatType[] I64 = {FlatType.I64};
  private static final FlatType[] F32 = {FlatType.F32};
  private static final FlatType[] F64 = {FlatType.F64};
  private static final FlatType[] PTR_LEN = {FlatType.I32, FlatType.I32};
  private static final Str STRING = new Str(PTR_LEN);
  private static final String[] OPTION_LABELS = {"none", "some"};
  private static final String[] RESULT_LABELS = {"ok", "error"};

  /** The largest number of flags the canonical ABI packs (into one i32). */
  static final int MAX_FLAGS = 32;

  private AbiTypes() {}

  /** Compiles {@code type} and everything it contains. */
  static AbiType compile(WitType type) {
    return switch (type) {
      case Primitive p -> p == Primitive.STRING ? STRING : scalar(p);
      case ListType l -> new ListOf(l, compile(l.element()), PTR_LEN);
      case FixedListType l -> fixedList(l);
      case RecordType r -> record(r);
      case TupleType t -> tuple(t);
      case VariantType v -> variant(v);
      case EnumType e -> enumType(e);
      case OptionType o -> variant(o, VariantKind.OPTION, OPTION_LABELS, null, compile(o.some()));
      case ResultType r ->
          variant(r, VariantKind.RESULT, RESULT_LABELS, compileOpt(r.ok()), compileOpt(r.err()));
      case FlagsType f -> flags(f);
      case OwnType o -> new Handle(o, o.resource(), true, I32);
      case BorrowType b -> new Handle(b, b.resource(), false, I32);
      case FutureType f -> new Async(f, I32);
      case StreamType s -> new Async(s, I32);
    };
  }

  private static AbiType compileOpt(Optional<WitType> type) {
    return type.isPresent() ? compile(type.get()) : null;
  }

  private static Scalar scalar(Primitive p) {
    return switch (p) {
      case BOOL, S8, U8 -> new Scalar(p, 1, I32);
      case S16, U16 -> new Scalar(p, 2, I32);
      case S32, U32, CHAR -> new Scalar(p, 4, I32);
      case F32 -> new Scalar(p, 4, F32);
      case S64, U64 -> new Scalar(p, 8, I64);
      case F64 -> new Scalar(p, 8, F64);
      case STRING -> throw new IllegalArgumentException("string is not a scalar");
    };
  }

  private static FixedList fixedList(FixedListType l) {
    AbiType element = compile(l.element());
    int n = l.length();
    FlatType[] flat = new FlatType[Math.multiplyExact(element.flat().length, n)];
    for (int i = 0; i < n; i++) {
      System.arraycopy(element.flat(), 0, flat, i * element.flat().length, element.flat().length);
    }
    return new FixedList(
        l, element, n, Math.multiplyExact(element.size(), n), element.alignment(), flat);
  }

  private static Struct record(RecordType r) {
    List<RecordType.Field> fields = r.fields();
    String[] names = new String[fields.size()];
    AbiType[] types = new AbiType[fields.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = fields.get(i).name();
      types[i] = compile(fields.get(i).type());
    }
    return struct(r, false, names, types);
  }

  private static Struct tuple(TupleType t) {
    String[] names = new String[t.elements().size()];
    AbiType[] types = new AbiType[names.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = Integer.toString(i);
      types[i] = compile(t.elements().get(i));
    }
    return struct(t, true, names, types);
  }

  /** Lays out fields in order, each at its natural alignment (the spec's {@code load_record}). */
  static Struct struct(WitType wit, boolean tuple, String[] names, AbiType[] fields) {
    int[] offsets = new int[fields.length];
    int[] flatOffsets = new int[fields.length];
    List<FlatType> flat = new ArrayList<>();
    int size = 0;
    int alignment = 1;
    for (int i = 0; i < fields.length; i++) {
      size = alignTo(size, fields[i].alignment());
      offsets[i] = size;
      size = Math.addExact(size, fields[i].size());
      alignment = Math.max(alignment, fields[i].alignment());
      flatOffsets[i] = flat.size();
      flat.addAll(Arrays.asList(fields[i].flat()));
    }
    return new Struct(
        wit,
        tuple,
        names,
        fields,
        offsets,
        flatOffsets,
        alignTo(size, alignment),
        alignment,
        flat.toArray(FlatType[]::new));
  }

  private static Variant variant(VariantType v) {
    String[] labels = new String[v.cases().size()];
    AbiType[] payloads = new AbiType[labels.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = v.cases().get(i).name();
      payloads[i] = compileOpt(v.cases().get(i).payload());
    }
    return variant(v, VariantKind.VARIANT, labels, payloads);
  }

  private static Variant enumType(EnumType e) {
    String[] labels = e.cases().toArray(String[]::new);
    return variant(e, VariantKind.ENUM, labels, new AbiType[labels.length]);
  }

  private static Variant variant(
      WitType wit, VariantKind kind, String[] labels, AbiType first, AbiType second) {
    return variant(wit, kind, labels, new AbiType[] {first, second});
  }

  private static Variant variant(
      WitType wit, VariantKind kind, String[] labels, AbiType[] payloads) {
    int discriminantSize = discriminantSize(labels.length);
    int caseAlignment = 1;
    int payloadSize = 0;
    List<FlatType> joined = new ArrayList<>();
    for (AbiType payload : payloads) {
      if (payload == null) {
        continue;
      }
      caseAlignment = Math.max(caseAlignment, payload.alignment());
      payloadSize = Math.max(payloadSize, payload.size());
      FlatType[] flat = payload.flat();
      for (int i = 0; i < flat.length; i++) {
        if (i < joined.size()) {
          joined.set(i, FlatType.join(joined.get(i), flat[i]));
        } else {
          joined.add(flat[i]);
        }
      }
    }
    int alignment = Math.max(discriminantSize, caseAlignment);
    int payloadOffset = alignTo(discriminantSize, caseAlignment);
    FlatType[] flat = new FlatType[1 + joined.size()];
    flat[0] = FlatType.I32;
    for (int i = 0; i < joined.size(); i++) {
      flat[1 + i] = joined.get(i);
    }
    int size = alignTo(Math.addExact(payloadOffset, payloadSize), alignment);
    return new Variant(
        wit, kind, labels, payloads, discriminantSize, payloadOffset, size, alignment, flat);
  }

  private static Flags flags(FlagsType f) {
    String[] labels = f.flags().toArray(String[]::new);
    return new Flags(f, labels, flagsSize(labels.length), I32);
  }

  /** Bytes of the discriminant of a variant with {@code cases} cases: 1, 2 or 4. */
  static int discriminantSize(int cases) {
    if (cases < 1) {
      throw new IllegalArgumentException("a variant needs at least one case, got " + cases);
    }
    if (cases <= 1 << 8) {
      return 1;
    }
    return cases <= 1 << 16 ? 2 : 4;
  }

  /** Bytes of a flags value with {@code labels} labels: 1, 2 or 4. */
  static int flagsSize(int labels) {
    if (labels < 1 || labels > MAX_FLAGS) {
      throw new HostException(
          "flags with "
              + labels
              + " labels are not supported by the canonical ABI (1 to "
              + MAX_FLAGS
              + ")");
    }
    if (labels <= 8) {
      return 1;
    }
    return labels <= 16 ? 2 : 4;
  }

  /** {@code offset} rounded up to a multiple of {@code alignment} (a power of two). */
  static int alignTo(int offset, int alignment) {
    return Math.addExact(offset, alignment - 1) & -alignment;
  }

  /** Whether {@code type} or anything inside it is a string or a variable-length list. */
  static boolean usesMemory(AbiType type) {
    return switch (type) {
      case Str s -> true;
      case ListOf l -> true;
      case Scalar s -> false;
      case Flags f -> false;
      case Handle h -> false;
      case Async a -> false;
      case FixedList l -> usesMemory(l.element());
      case Struct s -> anyUsesMemory(s.fields());
      case Variant v -> anyUsesMemory(v.payloads());
    };
  }

  private static boolean anyUsesMemory(AbiType[] types) {
    for (AbiType t : types) {
      if (t != null && usesMemory(t)) {
        return true;
      }
    }
    return false;
  }

  /** The first type inside {@code type} (itself included) that {@code test} accepts. */
  static Optional<AbiType> find(AbiType type, Predicate<AbiType> test) {
    if (test.test(type)) {
      return Optional.of(type);
    }
    AbiType[] children =
        switch (type) {
          case Str s -> new AbiType[0];
          case Scalar s -> new AbiType[0];
          case Flags f -> new AbiType[0];
          case Handle h -> new AbiType[0];
          case Async a -> new AbiType[0];
          case ListOf l -> new AbiType[] {l.element()};
          case FixedList l -> new AbiType[] {l.element()};
          case Struct s -> s.fields();
          case Variant v -> v.payloads();
        };
    for (AbiType child : children) {
      Optional<AbiType> found = child == null ? Optional.empty() : find(child, test);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
