package dev.trellis.host.engine.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which released memories {@link MemoryRecycler} keeps and hands out again. */
class MemoryRecyclerTest {
  @Test
  void aReleasedMemoryServesTheNextRequestForTheSameLimitsOnly() {
    MemoryRecycler recycler = new MemoryRecycler();
    Memory first = recycler.take(new MemoryLimits(1, 4));
    recycler.giveBack(List.of(first));
    assertNotSame(first, recycler.take(new MemoryLimits(1, 5)), "other limits get a new memory");
    assertSame(first, recycler.take(new MemoryLimits(1, 4)));
    assertNotSame(first, recycler.take(new MemoryLimits(1, 4)), "handed out once only");
  }

  @Test
  void aGrownMemoryIsNotKept() {
    MemoryRecycler recycler = new MemoryRecycler();
    Memory grown = recycler.take(new MemoryLimits(1, 4));
    grown.grow(1);
    recycler.giveBack(List.of(grown));
    Memory next = recycler.take(new MemoryLimits(1, 4));
    assertNotSame(grown, next);
    assertEquals(1, next.pages());
  }

  @Test
  void keptMemoriesAreBoundedByBytes() {
    MemoryRecycler recycler = new MemoryRecycler();
    MemoryLimits big = new MemoryLimits(32, 64); // 2 MiB each: two fit the 4 MiB budget
    List<Memory> released = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      released.add(recycler.take(big));
    }
    recycler.giveBack(released);
    List<Memory> reused = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Memory m = recycler.take(big);
      if (released.stream().anyMatch(r -> r == m)) {
        reused.add(m);
      }
    }
    assertEquals(2, reused.size());
  }
}
