package dev.trellis.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsServerBinaryTest {
  @TempDir Path dir;

  @Test
  void anExplicitPathThatIsNotExecutableIsRefusedByName() {
    String missing = dir.resolve("nope/nats-server").toString();
    var error =
        assertThrows(
            NatsServerException.class,
            () ->
                NatsServerBinary.locateOrInstall(
                    Map.of(NatsServerBinary.ENV, missing), line -> {}));
    assertEquals(
        "TRELLIS_NATS_SERVER=" + missing + " does not name an executable nats-server",
        error.getMessage());
  }

  @Test
  void anExplicitExecutableWins() throws Exception {
    Path fake = Files.createFile(dir.resolve("nats-server"));
    assertTrue(fake.toFile().setExecutable(true));
    assertEquals(
        Optional.of(fake), NatsServerBinary.locate(Map.of(NatsServerBinary.ENV, fake.toString())));
  }

  @Test
  void theInstalledServerIsFoundOnThePath() {
    assertTrue(NatsServerBinary.locate(Map.of("PATH", "/nonexistent")).isPresent());
  }
}
