package dev.trellis.host.engine.binary;

import static dev.trellis.host.engine.binary.ByteReader.hex;

import dev.trellis.host.engine.binary.CanonOptions.StringEncoding;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decodes canonical definitions ({@code canon}). Only the synchronous built-ins real toolchains
 * emit are decoded; the async, thread and error-context built-ins are rejected by opcode.
 */
final class CanonReader {
  private CanonReader() {}

  /** {@code canon}. */
  static CanonFunction canon(ByteReader r) {
    int start = r.position();
    int opcode = r.u8();
    return switch (opcode) {
      case 0x00 -> {
        r.expect(0x00, "canon lift core sort");
        int coreFunc = r.index();
        CanonOptions options = options(r);
        yield new CanonFunction.Lift(coreFunc, options, r.index());
      }
      case 0x01 -> {
        r.expect(0x00, "canon lower sort");
        int func = r.index();
        yield new CanonFunction.Lower(func, options(r));
      }
      case 0x02 -> new CanonFunction.ResourceNew(r.index());
      case 0x03 -> new CanonFunction.ResourceDrop(r.index());
      case 0x04 -> new CanonFunction.ResourceRep(r.index());
      default ->
          throw r.errorAt(
              start,
              "unsupported canon "
                  + hex(opcode)
                  + " (only lift, lower and resource.new/drop/rep are supported;"
                  + " async, thread and error-context built-ins are not)");
    };
  }

  /** {@code opts}: rejects duplicate and conflicting options. */
  static CanonOptions options(ByteReader r) {
    int count = r.count();
    var builder = new Builder();
    for (int i = 0; i < count; i++) {
      builder.add(r);
    }
    return builder.build();
  }

  /** Collects options one by one, remembering which were already given. */
  private static final class Builder {
    private Optional<StringEncoding> encoding = Optional.empty();
    private OptionalInt memory = OptionalInt.empty();
    private OptionalInt realloc = OptionalInt.empty();
    private OptionalInt postReturn = OptionalInt.empty();
    private boolean async;
    private OptionalInt callback = OptionalInt.empty();

    void add(ByteReader r) {
      int start = r.position();
      int code = r.u8();
      switch (code) {
        case 0x00 -> encoding = encoding(r, start, StringEncoding.UTF8);
        case 0x01 -> encoding = encoding(r, start, StringEncoding.UTF16);
        case 0x02 -> encoding = encoding(r, start, StringEncoding.LATIN1_UTF16);
        case 0x03 -> memory = once(r, start, memory, "memory");
        case 0x04 -> realloc = once(r, start, realloc, "realloc");
        case 0x05 -> postReturn = once(r, start, postReturn, "post-return");
        case 0x06 -> {
          if (async) {
            throw r.errorAt(start, "duplicate canon option async");
          }
          async = true;
        }
        case 0x07 -> callback = once(r, start, callback, "callback");
        default -> throw r.errorAt(start, "unknown canon option " + hex(code));
      }
    }

    private Optional<StringEncoding> encoding(ByteReader r, int start, StringEncoding value) {
      if (encoding.isPresent()) {
        throw r.errorAt(start, "more than one string-encoding canon option");
      }
      return Optional.of(value);
    }

    private static OptionalInt once(ByteReader r, int start, OptionalInt current, String name) {
      if (current.isPresent()) {
        throw r.errorAt(start, "duplicate canon option " + name);
      }
      return OptionalInt.of(r.index());
    }

    CanonOptions build() {
      return new CanonOptions(
          encoding.orElse(StringEncoding.UTF8), memory, realloc, postReturn, async, callback);
    }
  }
}
