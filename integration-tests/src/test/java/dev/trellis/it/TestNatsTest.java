package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How the harness picks its NATS: forced either way, or automatically through Testcontainers' own
 * Docker check, which on a machine without a Docker engine ends on the local binary.
 */
class TestNatsTest {
  @Test
  void aForcedChoiceWinsAndABadOneIsNamed() {
    assertEquals(TestNats.Source.LOCAL_BINARY, TestNats.decide(Map.of(), Optional.of("local")));
    assertEquals(
        TestNats.Source.CONTAINER,
        TestNats.decide(Map.of("TRELLIS_TEST_NATS", "container"), Optional.empty()));
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> TestNats.decide(Map.of("TRELLIS_TEST_NATS", "kubernetes"), Optional.empty()));
    assertTrue(bad.getMessage().contains("'kubernetes'"), bad.getMessage());
  }

  @Test
  void withoutAReachableDockerEngineTheLocalBinaryIsUsed() {
    // DOCKER_HOST makes the harness ask Testcontainers; it finds no engine behind it.
    Map<String, String> env = Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock");
    // With Docker present, every lattice test exercises the automatic choice instead.
    assumeFalse(TestNats.dockerMayExist(System.getenv()), "a Docker engine may exist here");
    assertEquals(TestNats.Source.LOCAL_BINARY, TestNats.decide(env, Optional.empty()));
    assertEquals(TestNats.Source.LOCAL_BINARY, TestNats.source());
  }
}
