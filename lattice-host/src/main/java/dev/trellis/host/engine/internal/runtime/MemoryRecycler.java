package dev.trellis.host.engine.internal.runtime;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Linear memories of released instances, kept for later instances of the same component so that a
 * fresh instance need not allocate (and the JVM zero) its pages again. Only a memory never grown
 * past its initial size is kept, under the exact limits it was made with, and Chicory zeroes every
 * memory an instance defines and applies its data segments before any guest code of the new
 * instance runs, so a reused memory is indistinguishable from a new one. Bounded by bytes (about
 * {@value #BUDGET_BYTES} per component), so an idle component holds little.
 */
public final class MemoryRecycler {
  private static final int BUDGET_BYTES = 4 << 20;
  private static final int MAX_PER_LIMITS = 64;

  private final Map<Long, ArrayBlockingQueue<ByteArrayMemory>> free = new ConcurrentHashMap<>();

  /** A memory with exactly {@code limits}: a released one if any, else a new one. */
  Memory take(MemoryLimits limits) {
    ArrayBlockingQueue<ByteArrayMemory> queue = free.get(key(limits));
    ByteArrayMemory reused = queue == null ? null : queue.poll();
    return reused != null ? reused : new ByteArrayMemory(limits);
  }

  /** Keeps the memories of a released instance that can serve a later one. */
  void giveBack(List<Memory> memories) {
    for (Memory m : memories) {
      if (m instanceof ByteArrayMemory memory
          && !memory.shared()
          && memory.pages() == memory.initialPages()) {
        queue(memory).offer(memory);
      }
    }
  }

  private ArrayBlockingQueue<ByteArrayMemory> queue(ByteArrayMemory memory) {
    return free.computeIfAbsent(
        key(memory.initialPages(), memory.maximumPages()),
        k -> {
          long bytes = Math.max(1L, (long) memory.initialPages() * Memory.PAGE_SIZE);
          return new ArrayBlockingQueue<>(
              (int) Math.max(1, Math.min(MAX_PER_LIMITS, BUDGET_BYTES / bytes)));
        });
  }

  private static Long key(MemoryLimits limits) {
    return key(limits.initialPages(), limits.maximumPages());
  }

  private static Long key(int initialPages, int maximumPages) {
    return ((long) initialPages << 32) | (maximumPages & 0xffffffffL);
  }
}
