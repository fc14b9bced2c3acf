package dev.trellis.host.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.host.engine.ComponentPre;
import dev.trellis.host.engine.Linker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code wasi-probe} fixture: a C program using files, clocks and randomness through wasi-libc
 * and the preview1 adapter, so every WASI call comes from a real guest.
 */
class GuestProbeTest {
  private static final ComponentPre PRE =
      Wasi.addTo(Linker.create()).prepare(WasiFixtures.load("wasi-probe"));

  @TempDir Path tmp;

  private record Run(int code, String stdout) {}

  private static Run run(WasiContext.Builder builder) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Wasi.runCommand(PRE.instantiate(Wasi.hostState(builder.stdout(out).build())));
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }

  private Path root() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("root"));
    Files.writeString(root.resolve("in.txt"), "hello");
    Files.writeString(tmp.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("out-link"), Path.of("../secret.txt"));
    return root;
  }

  @Test
  void filesAreReadWrittenListedAndConfined() throws IOException {
    Path root = root();
    Run r = run(WasiContext.builder().arguments("probe", "fs", "/data").preopen(root, "/data"));
    assertEquals(
        String.join(
            "\n",
            "read: hello",
            "size: 5",
            "write: ok",
            "mkdir: ok",
            "rename: ok",
            "reread: written by guest",
            "",
            "list: in.txt made out-link",
            "escape-dotdot: error Operation not permitted",
            "escape-link: error Operation not permitted",
            // no preopen covers /etc, so wasi-libc refuses before asking the host
            "escape-absolute: error Capabilities insufficient",
            ""),
        r.stdout());
    assertEquals(0, r.code());
    assertEquals("written by guest\n", Files.readString(root.resolve("made/out.txt")));
    assertEquals("secret", Files.readString(tmp.resolve("secret.txt")));
  }

  @Test
  void aReadOnlyPreopenRefusesTheGuestsWrite() throws IOException {
    Path root = root();
    Run r =
        run(
            WasiContext.builder()
                .arguments("probe", "write", "/data")
                .preopenReadOnly(root, "/data"));
    assertEquals("write: error Read-only file system\n", r.stdout());
    assertEquals(false, Files.exists(root.resolve("new.txt")));
  }

  @Test
  void withoutAPreopenTheGuestHasNoFiles() throws IOException {
    root();
    Run r = run(WasiContext.builder().arguments("probe", "fs", "/data"));
    assertEquals(
        "read: error Capabilities insufficient", r.stdout().lines().findFirst().orElseThrow());
  }

  @Test
  void sleepingWaitsOnTheMonotonicClockAndTheWallClockIsInjected() {
    Run r =
        run(
            WasiContext.builder()
                .arguments("probe", "clock")
                .wallClock(InstantSource.fixed(Instant.ofEpochSecond(1_700_000_000, 5))));
    assertEquals("slept: yes\nwall: 1700000000\n", r.stdout());
  }

  @Test
  void getentropyReadsTheSecureSource() {
    Run r =
        run(
            WasiContext.builder()
                .arguments("probe", "random", "16")
                .random(new SplittableRandom(5)));
    byte[] expected = new byte[16];
    new SplittableRandom(5).nextBytes(expected);
    assertEquals("random:" + HexFormat.of().formatHex(expected) + "\n", r.stdout());
  }
}
