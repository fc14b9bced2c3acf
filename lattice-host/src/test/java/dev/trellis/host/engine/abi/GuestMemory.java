package dev.trellis.host.engine.abi;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A fake guest for tests: one page of real Chicory memory and a bump-allocating realloc that copies
 * old contents like a real allocator would and records every call.
 */
final class GuestMemory implements AbiOptions.Realloc {
  final Memory memory = new ByteArrayMemory(new MemoryLimits(1, 10));
  final List<String> calls = new ArrayList<>();
  private int next;

  GuestMemory(int firstAllocation) {
    this.next = firstAllocation;
  }

  GuestMemory() {
    this(0x100);
  }

  @Override
  public int realloc(int oldPtr, int oldSize, int alignment, int newSize) {
    int ptr = (next + alignment - 1) & -alignment;
    next = ptr + newSize;
    while (next > memory.pages() * Memory.PAGE_SIZE) {
      memory.grow(1);
    }
    if (oldPtr != 0 && Math.min(oldSize, newSize) > 0) {
      memory.write(ptr, memory.readBytes(oldPtr, Math.min(oldSize, newSize)));
    }
    calls.add(
        "realloc("
            + hex(oldPtr)
            + ", "
            + oldSize
            + ", "
            + alignment
            + ", "
            + newSize
            + ") = "
            + hex(ptr));
    return ptr;
  }

  /** Forgets all allocations and recorded calls (the memory keeps its contents). */
  void reset() {
    next = 0x100;
    calls.clear();
  }

  static String hex(int value) {
    return "0x" + Integer.toHexString(value);
  }

  /** The bytes at {@code [ptr, ptr + length)} as lowercase hex, e.g. {@code "68c3a9"}. */
  String bytes(int ptr, int length) {
    return HexFormat.of().formatHex(memory.readBytes(ptr, length));
  }

  void put(int ptr, String hex) {
    memory.write(ptr, HexFormat.of().parseHex(hex));
  }

  AbiOptions options(StringEncoding encoding) {
    return new AbiOptions(Optional.of(memory), Optional.of(this), Optional.empty(), encoding);
  }

  /** A lift/lower context over this memory with a fresh table and scope. */
  Cx cx(StringEncoding encoding) {
    return cx(encoding, encoding);
  }

  Cx cx(StringEncoding encoding, StringEncoding source) {
    return new Cx(
        options(encoding), source, new HandleTable(new ResourceRegistry()), new CallScope("test"));
  }
}
