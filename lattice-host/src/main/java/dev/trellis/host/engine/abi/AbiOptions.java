package dev.trellis.host.engine.abi;

import com.dylibso.chicory.runtime.Memory;
import java.util.Objects;
import java.util.Optional;

/**
 * The canonical options of one {@code canon lift} or {@code canon lower}, resolved to live objects:
 * the guest memory strings and lists live in, the guest's {@code realloc}, the post-return function
 * and the string encoding. The instantiator builds one per canon definition from the decoded option
 * indices; the ABI code never looks functions up itself.
 *
 * @param memory the guest memory; required when the function type touches memory
 * @param realloc the guest allocator; required when the host writes strings or lists into the guest
 * @param postReturn called with the core results once they have been lifted ({@code canon lift})
 * @param stringEncoding how the guest encodes strings
 */
public record AbiOptions(
    Optional<Memory> memory,
    Optional<Realloc> realloc,
    Optional<PostReturn> postReturn,
    StringEncoding stringEncoding) {

  /** No memory, no functions, UTF-8: enough for functions of scalars only. */
  public static final AbiOptions NONE =
      new AbiOptions(Optional.empty(), Optional.empty(), Optional.empty(), StringEncoding.UTF8);

  public AbiOptions {
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(realloc, "realloc");
    Objects.requireNonNull(postReturn, "postReturn");
    Objects.requireNonNull(stringEncoding, "stringEncoding");
  }

  /** UTF-8 options with a memory and a realloc, the common case for wit-bindgen guests. */
  public static AbiOptions of(Memory memory, Realloc realloc) {
    return new AbiOptions(
        Optional.of(memory), Optional.of(realloc), Optional.empty(), StringEncoding.UTF8);
  }

  /** These options with {@code encoding} as the string encoding. */
  public AbiOptions withStringEncoding(StringEncoding encoding) {
    return new AbiOptions(memory, realloc, postReturn, encoding);
  }

  /** These options with {@code function} as the post-return function. */
  public AbiOptions withPostReturn(PostReturn function) {
    return new AbiOptions(memory, realloc, Optional.of(function), stringEncoding);
  }

  /**
   * The guest's {@code realloc(old_ptr, old_size, align, new_size) -> ptr}. Pointers and sizes are
   * u32 values carried in Java ints. Wrap a Chicory export as {@code (p, o, a, n) -> (int)
   * fn.apply(p, o, a, n)[0]}; the ABI checks the result's alignment and bounds itself.
   */
  @FunctionalInterface
  public interface Realloc {
    /** Resizes (or, with {@code oldPtr == 0 && oldSize == 0}, allocates) a guest buffer. */
    int realloc(int oldPtr, int oldSize, int alignment, int newSize);
  }

  /**
   * The guest's post-return function: receives the core results of the lifted call so the guest can
   * free what it returned.
   */
  @FunctionalInterface
  public interface PostReturn {
    /** Runs post-return with the core results in Chicory's {@code long[]} convention. */
    void call(long[] coreResults);
  }
}
