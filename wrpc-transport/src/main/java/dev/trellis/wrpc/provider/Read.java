package dev.trellis.wrpc.provider;

import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;

/** Typed reads of one WIT value for {@link Args} and {@link RecordView}, failing with its place. */
final class Read {
  private Read() {}

  static boolean bool(WitValue v, String where) {
    if (v instanceof WitValue.BoolValue b) {
      return b.value();
    }
    throw new ProviderArgumentException(where, "bool", v);
  }

  /** Any integer type that fits a {@code long} ({@code u64} as its 64 bits). */
  static long integer(WitValue v, String where) {
    if (v instanceof WitValue.S8Value x) {
      return x.value();
    } else if (v instanceof WitValue.U8Value x) {
      return x.value();
    } else if (v instanceof WitValue.S16Value x) {
      return x.value();
    } else if (v instanceof WitValue.U16Value x) {
      return x.value();
    } else if (v instanceof WitValue.S32Value x) {
      return x.value();
    } else if (v instanceof WitValue.U32Value x) {
      return x.value();
    } else if (v instanceof WitValue.S64Value x) {
      return x.value();
    } else if (v instanceof WitValue.U64Value x) {
      return x.value();
    }
    throw new ProviderArgumentException(where, "an integer", v);
  }

  static double number(WitValue v, String where) {
    if (v instanceof WitValue.F32Value x) {
      return x.value();
    } else if (v instanceof WitValue.F64Value x) {
      return x.value();
    }
    throw new ProviderArgumentException(where, "f32 or f64", v);
  }

  static String string(WitValue v, String where) {
    if (v instanceof WitValue.StringValue s) {
      return s.value();
    }
    throw new ProviderArgumentException(where, "string", v);
  }

  static List<WitValue> list(WitValue v, String where) {
    if (v instanceof WitValue.ListValue l) {
      return l.elements();
    }
    throw new ProviderArgumentException(where, "list", v);
  }

  static byte[] bytes(WitValue v, String where) {
    List<WitValue> elements = list(v, where);
    byte[] out = new byte[elements.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(elements.get(i) instanceof WitValue.U8Value b)) {
        throw new ProviderArgumentException(where + "[" + i + "]", "u8", elements.get(i));
      }
      out[i] = (byte) b.value();
    }
    return out;
  }

  static RecordView record(WitValue v, String where) {
    if (v instanceof WitValue.RecordValue r) {
      return new RecordView(r, where);
    }
    throw new ProviderArgumentException(where, "record", v);
  }

  static WitValue.VariantValue variant(WitValue v, String where) {
    if (v instanceof WitValue.VariantValue x) {
      return x;
    }
    throw new ProviderArgumentException(where, "variant", v);
  }

  static String enumCase(WitValue v, String where) {
    if (v instanceof WitValue.EnumValue e) {
      return e.caseName();
    }
    throw new ProviderArgumentException(where, "enum", v);
  }

  static Optional<WitValue> option(WitValue v, String where) {
    if (v instanceof WitValue.OptionValue o) {
      return o.value();
    }
    throw new ProviderArgumentException(where, "option", v);
  }
}
