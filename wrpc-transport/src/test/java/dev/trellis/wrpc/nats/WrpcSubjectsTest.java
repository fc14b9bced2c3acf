package dev.trellis.wrpc.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.proto.Subjects;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invocation subjects as wrpc builds them ({@code invocation_subject}, {@code rpc_func_name}). */
class WrpcSubjectsTest {
  @Test
  void subjectsFollowUpstream() {
    assertEquals(
        "default.kvredis.wrpc.0.0.1.wasi:keyvalue/store@0.2.0-draft.open",
        Subjects.wrpcInvocation("default.kvredis", "wasi:keyvalue/store@0.2.0-draft", "open"));
    assertEquals("wrpc.0.0.1.foo.bar", Subjects.wrpcInvocation("", "foo", "bar"));
    assertEquals("p.wrpc.0.0.1.run", Subjects.wrpcInvocation("p", "", "run"));
    assertEquals("p.wrpc.0.0.1.i.R", Subjects.wrpcInvocation("p", "i", "[constructor]R"));
    assertEquals("p.wrpc.0.0.1.i.R.make", Subjects.wrpcInvocation("p", "i", "[static]R.make"));
    assertEquals("p.wrpc.0.0.1.i.R.get", Subjects.wrpcInvocation("p", "i", "[method]R.get"));
    assertEquals("p.wrpc.0.0.1.i.R.go", Subjects.wrpcInvocation("p", "i", "[async method]R.go"));
    assertEquals("p.wrpc.0.0.1.i.f", Subjects.wrpcInvocation("p", "i", "[async]f"));
  }

  @Test
  void wildcardsAndEmptyPartsAreRefused() {
    for (String bad : List.of("a.*", "a.>", "a..b", ".a", "a b", "a.")) {
      assertThrows(IllegalArgumentException.class, () -> Subjects.wrpcInvocation(bad, "i", "f"));
      assertThrows(
          IllegalArgumentException.class, () -> WrpcFunction.of(bad, "f", List.of(), List.of()));
    }
    assertThrows(
        IllegalArgumentException.class, () -> Subjects.wrpcInvocation("p", "i", "[method]"));
  }
}
