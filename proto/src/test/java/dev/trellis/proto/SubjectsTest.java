package dev.trellis.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.proto.Subjects.HostOperation;
import org.junit.jupiter.api.Test;

class SubjectsTest {
  @Test
  void hostApiSubjectsMatchWasmCloudV2() {
    assertEquals("runtime.host.h1.heartbeat", Subjects.hostApi("h1", HostOperation.HEARTBEAT));
    assertEquals(
        "runtime.host.h1.workload.start", Subjects.hostApi("h1", HostOperation.WORKLOAD_START));
    assertEquals(
        "runtime.host.h1.workload.stop", Subjects.hostApi("h1", HostOperation.WORKLOAD_STOP));
    assertEquals(
        "runtime.host.h1.workload.status", Subjects.hostApi("h1", HostOperation.WORKLOAD_STATUS));
    assertEquals("runtime.operator.heartbeat.h1", Subjects.heartbeat("h1"));
    assertEquals("h1", Subjects.hostIdOfHeartbeat("runtime.operator.heartbeat.h1"));
  }

  @Test
  void theDefaultLatticeKeepsTheV2SubjectsAndOthersArePrefixed() {
    assertEquals(
        Subjects.hostApi("h1", HostOperation.WORKLOAD_START),
        Subjects.hostApi("default", "h1", HostOperation.WORKLOAD_START));
    assertEquals(
        "blue.runtime.host.h1.workload.start",
        Subjects.hostApi("blue", "h1", HostOperation.WORKLOAD_START));
    assertEquals("blue.runtime.operator.heartbeat.h1", Subjects.heartbeat("blue", "h1"));
    assertEquals("blue.runtime.operator.heartbeat.*", Subjects.allHeartbeats("blue"));
    assertEquals("runtime.operator.heartbeat.*", Subjects.allHeartbeats("default"));
    assertEquals("TRELLIS_HEARTBEATS", Subjects.heartbeatStream("default"));
    assertEquals("TRELLIS_HEARTBEATS_blue", Subjects.heartbeatStream("blue"));
    assertEquals("blue.trellis.host.h1.inventory", Subjects.hostInventory("blue", "h1"));
    assertEquals("h1", Subjects.hostIdOfHeartbeat("blue", "blue.runtime.operator.heartbeat.h1"));
    var error =
        assertThrows(
            IllegalArgumentException.class,
            () -> Subjects.hostApi("a.b", "h1", HostOperation.HEARTBEAT));
    assertEquals(
        "lattice 'a.b' is not a valid subject token (letters, digits, '-' and '_' only)",
        error.getMessage());
  }

  @Test
  void refusesIdsThatWouldAddressOtherSubjects() {
    for (String bad : new String[] {"a.b", "*", ">", "a b", "", "h1.>"}) {
      var error = assertThrows(IllegalArgumentException.class, () -> Subjects.heartbeat(bad), bad);
      assertEquals(
          "host id '" + bad + "' is not a valid subject token (letters, digits, '-' and '_' only)",
          error.getMessage());
    }
  }
}
