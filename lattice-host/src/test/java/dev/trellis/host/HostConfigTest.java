package dev.trellis.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostConfigTest {
  @Test
  void generatedIdsAreSubjectSafeAndDistinct() {
    String a = HostIds.newHostId();
    String b = HostIds.newHostId();
    assertTrue(a.matches("[0-9A-Z]{20}"), a);
    assertTrue(!a.equals(b));
    assertTrue(HostIds.friendlyName().matches("[a-z]+-[a-z]+-\\d{1,2}"));
  }

  @Test
  void rejectsIntervalsBelowOneSecond() {
    var error =
        assertThrows(
            IllegalArgumentException.class,
            () -> HostConfig.generated().withHeartbeatInterval(Duration.ofMillis(500)));
    assertEquals("heartbeat interval must be at least 1s, got 500ms", error.getMessage());
  }

  @Test
  void rejectsReservedAndMalformedLabelKeys() {
    assertThrows(
        IllegalArgumentException.class,
        () -> HostConfig.generated().withLabels(Map.of("hostcore.os", "plan9")));
    assertThrows(
        IllegalArgumentException.class,
        () -> HostConfig.generated().withLabels(Map.of("has space", "x")));
  }

  @Test
  void rejectsHostIdsThatAreNotOneSubjectToken() {
    assertThrows(IllegalArgumentException.class, () -> HostConfig.generated().withHostId("a.b"));
  }

  @Test
  void builtInLabelsJoinTheUsersOnes() {
    Host host =
        new Host(
            HostConfig.generated().withLabels(Map.of("zone", "a")), java.time.Clock.systemUTC());
    assertEquals("a", host.labels().get("zone"));
    assertEquals(HostFacts.osArch(), host.labels().get("hostcore.arch"));
    assertEquals(HostFacts.osName(), host.heartbeat().getLabelsMap().get("hostcore.os"));
  }
}
