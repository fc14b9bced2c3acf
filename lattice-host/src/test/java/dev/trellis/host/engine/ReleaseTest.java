package dev.trellis.host.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.wrpc.wit.WitValue;
import org.junit.jupiter.api.Test;

/**
 * {@link ComponentInstance#release()}: a released instance is never called again, and the next
 * instances of the same component, which may reuse its linear memory, start exactly as fresh ones.
 */
class ReleaseTest {
  private static final String C = "trellis:examples/counters#";

  @Test
  void instancesAfterAReleaseStartFreshAndTheReleasedOneRefusesCalls() {
    ComponentPre pre = Linker.create().prepare(Fixtures.load("counter"));
    for (int round = 0; round < 20; round++) {
      ComponentInstance counters = pre.instantiate();
      // State a previous round left in (possibly this same) memory must not be visible.
      assertEquals(u32(0), counters.invoke(C + "[static]counter.live-instances").orElseThrow());
      assertEquals(u32(0), counters.invoke(C + "destroyed-total").orElseThrow());
      WitValue c = counters.invoke(C + "[constructor]counter", s32(round)).orElseThrow();
      counters.invoke(C + "[constructor]counter", s32(7)).orElseThrow();
      assertEquals(
          s32(round + 3),
          counters.invoke(C + "[method]counter.increment", c, s32(3)).orElseThrow());
      assertEquals(u32(2), counters.invoke(C + "[static]counter.live-instances").orElseThrow());
      counters.release();
      ComponentTrapException refused =
          assertThrows(
              ComponentTrapException.class,
              () -> counters.invoke(C + "[static]counter.live-instances"));
      assertEquals(ComponentTrapException.Kind.POISONED, refused.kind(), refused.getMessage());
    }
  }

  private static WitValue s32(int v) {
    return new WitValue.S32Value(v);
  }

  private static WitValue u32(long v) {
    return new WitValue.U32Value(v);
  }
}
