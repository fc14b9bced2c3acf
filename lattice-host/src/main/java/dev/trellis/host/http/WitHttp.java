package dev.trellis.host.http;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.wrpc.wit.WitValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Conversions between {@code wasi:http/types} WIT values and the plugin's Java values. */
final class WitHttp {
  private static final List<String> METHODS =
      List.of("get", "head", "post", "put", "delete", "connect", "options", "trace", "patch");

  private WitHttp() {}

  /** A {@code method} variant as an upper-case method name. */
  static String method(WitValue v) {
    WitValue.VariantValue variant = variant(v);
    if (variant.caseName().equals("other")) {
      return WitArgs.string(variant.payload().orElseThrow());
    }
    return variant.caseName().toUpperCase(Locale.ROOT);
  }

  /** A method name as a {@code method} variant. */
  static WitValue method(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return METHODS.contains(lower) && lower.toUpperCase(Locale.ROOT).equals(name)
        ? WitValue.variant(lower)
        : WitValue.variant("other", WitValue.string(name));
  }

  /** An {@code option<scheme>} as a scheme name ({@code HTTP}, {@code HTTPS} or other). */
  static Optional<String> scheme(WitValue v) {
    return option(v)
        .map(
            s -> {
              WitValue.VariantValue variant = variant(s);
              return variant.caseName().equals("other")
                  ? WitArgs.string(variant.payload().orElseThrow())
                  : variant.caseName();
            });
  }

  /** A scheme name as an {@code option<scheme>}. */
  static WitValue scheme(Optional<String> scheme) {
    return optionOf(
        scheme.map(
            s ->
                s.equalsIgnoreCase("http")
                    ? WitValue.variant("HTTP")
                    : s.equalsIgnoreCase("https")
                        ? WitValue.variant("HTTPS")
                        : WitValue.variant("other", WitValue.string(s))));
  }

  /** An {@code option<string>}. */
  static Optional<String> optionalString(WitValue v) {
    return option(v).map(WitArgs::string);
  }

  /** A string as an {@code option<string>}. */
  static WitValue optionalString(Optional<String> s) {
    return optionOf(s.map(WitValue::string));
  }

  /** An {@code option<duration>} (nanoseconds). */
  static Optional<Duration> duration(WitValue v) {
    return option(v).map(d -> Duration.ofNanos(WitArgs.u64(d)));
  }

  /** A duration as an {@code option<duration>}. */
  static WitValue duration(Optional<Duration> d) {
    return optionOf(d.map(x -> WitValue.u64(x.toNanos())));
  }

  /** A {@code list<tuple<field-name, field-value>>}. */
  static List<Field> entries(WitValue v) {
    List<Field> out = new ArrayList<>();
    for (WitValue e : list(v)) {
      if (!(e instanceof WitValue.TupleValue t) || t.elements().size() != 2) {
        throw new HostException("expected a (name, value) tuple but got " + e);
      }
      out.add(new Field(WitArgs.string(t.elements().get(0)), WitArgs.bytes(t.elements().get(1))));
    }
    return out;
  }

  /** Fields as a {@code list<tuple<field-name, field-value>>}. */
  static WitValue entries(List<Field> fields) {
    List<WitValue> out = new ArrayList<>(fields.size());
    for (Field f : fields) {
      out.add(WitValue.tuple(WitValue.string(f.name()), WitArgs.bytesValue(f.value())));
    }
    return new WitValue.ListValue(out);
  }

  /** Values as a {@code list<field-value>}. */
  static WitValue values(List<byte[]> values) {
    List<WitValue> out = new ArrayList<>(values.size());
    values.forEach(v -> out.add(WitArgs.bytesValue(v)));
    return new WitValue.ListValue(out);
  }

  /** A {@code list<field-value>}. */
  static List<byte[]> values(WitValue v) {
    List<byte[]> out = new ArrayList<>();
    list(v).forEach(x -> out.add(WitArgs.bytes(x)));
    return out;
  }

  /** An {@code error-code} variant. */
  static HttpErrorCode errorCode(WitValue v) {
    WitValue.VariantValue variant = variant(v);
    return new HttpErrorCode(variant.caseName(), variant.payload());
  }

  /** A header error as {@code err(header-error)}. */
  static WitValue headerError(HeaderError error) {
    return WitValue.err(WitValue.variant(error.witName()));
  }

  /** An {@code option<T>}. */
  static Optional<WitValue> option(WitValue v) {
    if (v instanceof WitValue.OptionValue o) {
      return o.value();
    }
    throw new HostException("expected an option but got " + v);
  }

  static WitValue optionOf(Optional<WitValue> v) {
    return v.<WitValue>map(WitValue::some).orElse(WitValue.none());
  }

  private static List<WitValue> list(WitValue v) {
    if (v instanceof WitValue.ListValue l) {
      return l.elements();
    }
    throw new HostException("expected a list but got " + v);
  }

  private static WitValue.VariantValue variant(WitValue v) {
    if (v instanceof WitValue.VariantValue variant) {
      return variant;
    }
    throw new HostException("expected a variant but got " + v);
  }
}
