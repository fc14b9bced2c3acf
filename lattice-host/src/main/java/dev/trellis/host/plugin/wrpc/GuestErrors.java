package dev.trellis.host.plugin.wrpc;

import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;

/**
 * How a failed remote call reaches the guest: as an error value where the function's WIT lets it
 * say so, else (the caller then traps). The rule, for a function returning {@code result<T, E>}:
 * {@code E} is {@code string} → {@code err(message)}; {@code E} is a variant with a case whose
 * payload is {@code string} (e.g. {@code wasi:keyvalue}'s {@code other(string)}) → {@code
 * err(that-case(message))}, the first such case; anything else (no result, another error type) has
 * no error value.
 */
final class GuestErrors {
  private GuestErrors() {}

  /** The error value carrying {@code message} for a function with {@code results}, if any. */
  static Optional<WitValue> value(List<WitType> results, String message) {
    if (results.size() != 1 || !(results.get(0) instanceof WitType.ResultType r)) {
      return Optional.empty();
    }
    if (r.err().isEmpty()) {
      return Optional.empty();
    }
    WitValue text = new WitValue.StringValue(message);
    WitType err = r.err().get();
    if (err == WitType.Primitive.STRING) {
      return Optional.of(WitValue.err(text));
    }
    if (err instanceof WitType.VariantType v) {
      return v.cases().stream()
          .filter(c -> c.payload().equals(Optional.of(WitType.Primitive.STRING)))
          .findFirst()
          .map(c -> WitValue.err(new WitValue.VariantValue(c.name(), Optional.of(text))));
    }
    return Optional.empty();
  }
}
