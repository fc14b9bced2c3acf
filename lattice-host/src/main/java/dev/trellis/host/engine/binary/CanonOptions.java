package dev.trellis.host.engine.binary;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The options of a {@code canon lift} or {@code canon lower}: how strings are encoded and which
 * core memory and functions the canonical ABI uses. Duplicates and conflicts are rejected while
 * decoding, so each option has at most one value here.
 *
 * @param stringEncoding the string encoding, {@link StringEncoding#UTF8} when not given
 * @param memory core memory index
 * @param realloc core function index of {@code realloc}
 * @param postReturn core function index of the post-return function
 * @param async whether the async ABI is requested
 * @param callback core function index of the async callback
 */
public record CanonOptions(
    StringEncoding stringEncoding,
    OptionalInt memory,
    OptionalInt realloc,
    OptionalInt postReturn,
    boolean async,
    OptionalInt callback) {

  /** No options: UTF-8 strings, no memory, no functions. */
  public static final CanonOptions NONE =
      new CanonOptions(
          StringEncoding.UTF8,
          OptionalInt.empty(),
          OptionalInt.empty(),
          OptionalInt.empty(),
          false,
          OptionalInt.empty());

  public CanonOptions {
    Objects.requireNonNull(stringEncoding, "stringEncoding");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(realloc, "realloc");
    Objects.requireNonNull(postReturn, "postReturn");
    Objects.requireNonNull(callback, "callback");
  }

  /** The string encodings of the canonical ABI. */
  public enum StringEncoding {
    UTF8,
    UTF16,
    LATIN1_UTF16
  }
}
