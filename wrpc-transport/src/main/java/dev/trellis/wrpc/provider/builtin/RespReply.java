package dev.trellis.wrpc.provider.builtin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One RESP2 reply from Redis, case by case as the protocol defines them: {@code +simple}, {@code
 * -error}, {@code :integer}, {@code $bulk} (absent for the null bulk string) and {@code *array}
 * (absent for the null array). An error reply is a value, not an exception: the command reached
 * Redis and Redis refused it, which a provider reports to its caller as an error value.
 */
sealed interface RespReply
    permits RespReply.Simple, RespReply.Error, RespReply.Int, RespReply.Bulk, RespReply.Multi {

  /** {@code +OK}. */
  record Simple(String value) implements RespReply {
    public Simple {
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code -ERR message}. */
  record Error(String message) implements RespReply {
    public Error {
      Objects.requireNonNull(message, "message");
    }
  }

  /** {@code :42}. */
  record Int(long value) implements RespReply {}

  /** {@code $3\r\nabc}, or {@code $-1} (empty). */
  record Bulk(Optional<byte[]> bytes) implements RespReply {
    public Bulk {
      Objects.requireNonNull(bytes, "bytes");
    }

    /** The bytes as UTF-8 text (empty string for the null bulk string). */
    String text() {
      return bytes.map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
    }
  }

  /** {@code *2\r\n...}, or {@code *-1} (empty). */
  record Multi(Optional<List<RespReply>> elements) implements RespReply {
    public Multi {
      elements = Objects.requireNonNull(elements, "elements").map(List::copyOf);
    }
  }

  /** A short description for error messages: the kind, and the text of an error reply. */
  default String describe() {
    return switch (this) {
      case Simple s -> "simple string " + s.value();
      case Error e -> "error " + e.message();
      case Int i -> "integer " + i.value();
      case Bulk b -> b.bytes().isPresent() ? "bulk string" : "null bulk string";
      case Multi m -> m.elements().isPresent() ? "array" : "null array";
    };
  }
}
