package dev.trellis.host.engine.abi;

import static dev.trellis.host.engine.abi.CanonicalAbiTrap.hex;

import com.dylibso.chicory.runtime.Memory;
import dev.trellis.host.HostException;

/**
 * The state one lift or lower works against (the spec's {@code LiftLowerContext}): the guest's
 * memory and realloc, its string encoding, its handle table and the call's borrow scope. Also the
 * checks every guest pointer passes: alignment first, then bounds, both trapping.
 */
final class Cx {
  private final Memory memory;
  private final AbiOptions.Realloc realloc;
  final StringEncoding encoding;
  final StringEncoding stringSource;
  final HandleTable handles;
  final CallScope scope;

  /**
   * @param stringSource the encoding strings being lowered are treated as coming from; the same as
   *     the guest's for host-made strings (a plain copy), or the peer component's encoding when the
   *     host relays a call between two components
   */
  Cx(AbiOptions options, StringEncoding stringSource, HandleTable handles, CallScope scope) {
    this.memory = options.memory().orElse(null);
    this.realloc = options.realloc().orElse(null);
    this.encoding = options.stringEncoding();
    this.stringSource = stringSource;
    this.handles = handles;
    this.scope = scope;
  }

  Memory memory() {
    if (memory == null) {
      throw new HostException("canonical ABI needs guest memory but the canon options have none");
    }
    return memory;
  }

  /** Current size of the guest memory in bytes (it may grow during realloc). */
  long memorySize() {
    return (long) memory().pages() * Memory.PAGE_SIZE;
  }

  /** Traps unless {@code [ptr, ptr + byteLength)} is aligned to {@code alignment} and in bounds. */
  void checkRange(int ptr, long byteLength, int alignment, Object what) {
    checkAligned(ptr, alignment, what);
    checkBounds(ptr, byteLength, what);
  }

  void checkAligned(int ptr, int alignment, Object what) {
    if ((ptr & (alignment - 1)) != 0) {
      throw new CanonicalAbiTrap(
          "unaligned pointer "
              + hex(ptr)
              + " for "
              + describe(what)
              + " (alignment "
              + alignment
              + ")");
    }
  }

  void checkBounds(int ptr, long byteLength, Object what) {
    long size = memorySize();
    if (Integer.toUnsignedLong(ptr) + byteLength > size) {
      throw new CanonicalAbiTrap(
          describe(what)
              + " pointer "
              + hex(ptr)
              + " with length "
              + byteLength
              + " out of bounds (memory is "
              + size
              + " bytes)");
    }
  }

  /** {@code realloc(0, 0, alignment, size)}, then alignment and bounds checks on the result. */
  int allocate(int alignment, long size, Object what) {
    return reallocate(0, 0, alignment, size, what);
  }

  /** Calls the guest's realloc and checks the returned block's alignment and bounds. */
  int reallocate(int oldPtr, long oldSize, int alignment, long newSize, Object what) {
    if (realloc == null) {
      throw new HostException(
          "canonical ABI must allocate guest memory for "
              + describe(what)
              + " but the canon options have no realloc");
    }
    int ptr = realloc.realloc(oldPtr, (int) oldSize, alignment, (int) newSize);
    if ((ptr & (alignment - 1)) != 0) {
      throw new CanonicalAbiTrap(
          "realloc returned unaligned pointer "
              + hex(ptr)
              + " for "
              + describe(what)
              + " (alignment "
              + alignment
              + ")");
    }
    long size = memorySize();
    if (Integer.toUnsignedLong(ptr) + newSize > size) {
      throw new CanonicalAbiTrap(
          "realloc returned pointer "
              + hex(ptr)
              + " for "
              + newSize
              + " bytes of "
              + describe(what)
              + ", out of bounds (memory is "
              + size
              + " bytes)");
    }
    return ptr;
  }

  static String describe(Object what) {
    return what instanceof AbiType t ? AbiType.describe(t) : String.valueOf(what);
  }
}
