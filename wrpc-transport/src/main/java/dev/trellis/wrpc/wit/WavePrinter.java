package dev.trellis.wrpc.wit;

import dev.trellis.wrpc.WrpcException;
import dev.trellis.wrpc.wit.WitValue.BoolValue;
import dev.trellis.wrpc.wit.WitValue.CharValue;
import dev.trellis.wrpc.wit.WitValue.EnumValue;
import dev.trellis.wrpc.wit.WitValue.F32Value;
import dev.trellis.wrpc.wit.WitValue.F64Value;
import dev.trellis.wrpc.wit.WitValue.FlagsValue;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import dev.trellis.wrpc.wit.WitValue.ListValue;
import dev.trellis.wrpc.wit.WitValue.OptionValue;
import dev.trellis.wrpc.wit.WitValue.RecordValue;
import dev.trellis.wrpc.wit.WitValue.ResultValue;
import dev.trellis.wrpc.wit.WitValue.S16Value;
import dev.trellis.wrpc.wit.WitValue.S32Value;
import dev.trellis.wrpc.wit.WitValue.S64Value;
import dev.trellis.wrpc.wit.WitValue.S8Value;
import dev.trellis.wrpc.wit.WitValue.StringValue;
import dev.trellis.wrpc.wit.WitValue.TupleValue;
import dev.trellis.wrpc.wit.WitValue.U16Value;
import dev.trellis.wrpc.wit.WitValue.U32Value;
import dev.trellis.wrpc.wit.WitValue.U64Value;
import dev.trellis.wrpc.wit.WitValue.U8Value;
import dev.trellis.wrpc.wit.WitValue.VariantValue;
import java.util.Collection;
import java.util.Optional;

/** Writes values in the canonical WAVE form that wasm-wave's writer produces. */
final class WavePrinter {
  private WavePrinter() {}

  static void write(StringBuilder out, WitValue value) {
    switch (value) {
      case BoolValue v -> out.append(v.value());
      case S8Value v -> out.append(v.value());
      case U8Value v -> out.append(v.value());
      case S16Value v -> out.append(v.value());
      case U16Value v -> out.append(v.value());
      case S32Value v -> out.append(v.value());
      case U32Value v -> out.append(v.value());
      case S64Value v -> out.append(v.value());
      case U64Value v -> out.append(Long.toUnsignedString(v.value()));
      case F32Value v -> out.append(WaveNumbers.format(v.value()));
      case F64Value v -> out.append(WaveNumbers.format(v.value()));
      case CharValue v -> {
        out.append('\'');
        escape(out, v.codePoint());
        out.append('\'');
      }
      case StringValue v -> {
        out.append('"');
        v.value().codePoints().forEach(cp -> escape(out, cp));
        out.append('"');
      }
      case ListValue v -> sequence(out, "[", v.elements(), "]");
      case RecordValue v -> record(out, v);
      case TupleValue v -> sequence(out, "(", v.elements(), ")");
      case VariantValue v -> labelled(out, caseLabel(v.caseName()), v.payload());
      case EnumValue v -> out.append(caseLabel(v.caseName()));
      case OptionValue v -> {
        if (v.value().isPresent()) {
          labelled(out, "some", v.value());
        } else {
          out.append("none");
        }
      }
      case ResultValue v -> labelled(out, v.isOk() ? "ok" : "err", v.payload());
      case FlagsValue v -> out.append('{').append(String.join(", ", v.flags())).append('}');
      case HandleValue v ->
          throw new WrpcException(
              "WAVE has no text form for resource handles (a handle to " + v.resource() + ")");
      case WitValue.FutureValue v -> throw new WrpcException("WAVE has no text form for futures");
      case WitValue.StreamValue v -> throw new WrpcException("WAVE has no text form for streams");
    }
  }

  private static void sequence(
      StringBuilder out, String open, Collection<WitValue> items, String close) {
    out.append(open);
    boolean first = true;
    for (WitValue item : items) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      write(out, item);
    }
    out.append(close);
  }

  /** Fields whose value is {@code none} are left out; if none remain the record is {@code {:}}. */
  private static void record(StringBuilder out, RecordValue record) {
    out.append('{');
    boolean first = true;
    for (RecordValue.Field field : record.fields()) {
      if (field.value() instanceof OptionValue o && o.value().isEmpty()) {
        continue;
      }
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.append(field.name()).append(": ");
      write(out, field.value());
    }
    out.append(first ? ":}" : "}");
  }

  private static void labelled(StringBuilder out, String label, Optional<WitValue> payload) {
    out.append(label);
    if (payload.isPresent()) {
      out.append('(');
      write(out, payload.get());
      out.append(')');
    }
  }

  private static String caseLabel(String name) {
    return Labels.isKeyword(name) ? "%" + name : name;
  }

  /**
   * One character of a char or string literal: the six named escapes, <code>&#92;u{...}</code> for
   * characters that are control, format, separator (other than space), private-use, unassigned or
   * combining, and the character itself otherwise. This mirrors Rust's {@code escape_debug} as
   * wasm-wave uses it, up to differences between Java's and Rust's Unicode tables.
   */
  static void escape(StringBuilder out, int cp) {
    switch (cp) {
      case '\\' -> out.append("\\\\");
      case '"' -> out.append("\\\"");
      case '\'' -> out.append("\\'");
      case '\t' -> out.append("\\t");
      case '\r' -> out.append("\\r");
      case '\n' -> out.append("\\n");
      default -> {
        if (Unicode.needsEscape(cp)) {
          out.append("\\u{").append(Integer.toHexString(cp)).append('}');
        } else {
          out.appendCodePoint(cp);
        }
      }
    }
  }
}
