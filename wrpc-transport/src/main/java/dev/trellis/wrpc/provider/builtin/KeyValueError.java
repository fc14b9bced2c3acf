package dev.trellis.wrpc.provider.builtin;

import dev.trellis.wrpc.wit.WitValue;
import java.util.Objects;

/**
 * The cases of {@code wasi:keyvalue/store.error}, so provider code names them instead of building
 * variant values by hand.
 */
public sealed interface KeyValueError
    permits KeyValueError.NoSuchStore, KeyValueError.AccessDenied, KeyValueError.Other {

  /** {@code no-such-store}: the bucket identifier is not one this provider serves. */
  record NoSuchStore() implements KeyValueError {}

  /** {@code access-denied}. */
  record AccessDenied() implements KeyValueError {}

  /** {@code other(string)}: anything else, with a message for humans. */
  record Other(String message) implements KeyValueError {
    public Other {
      Objects.requireNonNull(message, "message");
    }
  }

  /** The {@code error} variant value. */
  default WitValue toWit() {
    return switch (this) {
      case NoSuchStore n -> WitValue.variant("no-such-store");
      case AccessDenied a -> WitValue.variant("access-denied");
      case Other o -> WitValue.variant("other", WitValue.string(o.message()));
    };
  }

  /** {@code err(this)}, as a function result. */
  default WitValue.ResultValue asResult() {
    return WitValue.err(toWit());
  }
}
