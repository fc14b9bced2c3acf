package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trellis run --serve} as its own process, driven by the real {@code curl} binary as a user
 * would: a GET on http-hello, and a 50 MiB upload of random bytes through http-echo with {@code
 * --data-binary @file}, the echo saved by curl and compared by SHA-256. The echo server's JVM runs
 * with a heap smaller than the body ({@code TRELLIS_JAVA_OPTS=-Xmx40m}), so it can only succeed if
 * the body streams through the host and the guest without being held in memory.
 */
class CurlServeIT {
  private static final Path CURL = Path.of("/usr/bin/curl");
  private static final Path WASM = Path.of("..", "examples", "wasm").toAbsolutePath().normalize();
  private static final Pattern URL = Pattern.compile("Serving HTTP on (http://\\S+)");
  private static final int BODY_BYTES = 50 * 1024 * 1024;
  private static final String SMALL_HEAP = "-Xmx40m";

  @TempDir Path dir;

  @Test
  void curlGetsHello() throws Exception {
    try (CliProcess server = serve("http-hello.wasm", Map.of())) {
      URI uri = servedUri(server);
      Path out = dir.resolve("hello.txt");
      Curl result = curl(Duration.ofSeconds(60), "-o", out.toString(), uri.resolve("/").toString());
      assertEquals("200", result.stdout(), result.describe());
      assertEquals("Hello from Trellis!\n", Files.readString(out, StandardCharsets.UTF_8));
    }
  }

  @Test
  void fiftyMegabytesPostedWithCurlComeBackIdenticalFromAHeapSmallerThanTheBody() throws Exception {
    Path body = dir.resolve("body.bin");
    byte[] sentSha256 = writeRandom(body, BODY_BYTES, 20261121L);
    try (CliProcess server = serve("http-echo.wasm", Map.of("TRELLIS_JAVA_OPTS", SMALL_HEAP))) {
      URI uri = servedUri(server);
      // The heap limit really reached the server's JVM (its command line, as Linux reports it).
      String cmdline =
          Files.readString(Path.of("/proc", Long.toString(server.handle().pid()), "cmdline"))
              .replace('\0', ' ');
      assertTrue(cmdline.contains(" " + SMALL_HEAP + " "), "server command line: " + cmdline);
      Path echoed = dir.resolve("echoed.bin");
      Curl result =
          curl(
              Duration.ofSeconds(240),
              "-H",
              "content-type: application/octet-stream",
              "--data-binary",
              "@" + body,
              "-o",
              echoed.toString(),
              uri.resolve("/echo").toString());
      assertEquals("200", result.stdout(), result.describe());
      assertEquals(BODY_BYTES, Files.size(echoed), "bytes echoed");
      assertArrayEquals(sentSha256, sha256(echoed), "SHA-256 of the echoed body");
      assertTrue(server.handle().isAlive(), "the server survived the transfer");
      // The same server keeps serving after the large transfer.
      Curl small =
          curl(
              Duration.ofSeconds(60),
              "--data-binary",
              "ping",
              "-o",
              dir.resolve("ping.txt").toString(),
              uri.resolve("/echo").toString());
      assertEquals("200", small.stdout(), small.describe());
      assertEquals("ping", Files.readString(dir.resolve("ping.txt"), StandardCharsets.UTF_8));
    }
  }

  private CliProcess serve(String wasm, Map<String, String> env) {
    Assumptions.assumeTrue(Files.isExecutable(CURL), "needs " + CURL);
    return CliProcess.start(
        dir,
        env,
        "run",
        "--serve",
        WASM.resolve(wasm).toString(),
        "--addr",
        "127.0.0.1:0",
        "--request-timeout",
        "240s");
  }

  private static URI servedUri(CliProcess server) {
    server.awaitOutput(
        out -> URL.matcher(out).find(), "the URL it serves on", Duration.ofSeconds(90));
    Matcher m = URL.matcher(server.stdout());
    assertTrue(m.find(), server.stdout());
    return URI.create(m.group(1));
  }

  /** What one curl run printed ({@code -w '%{http_code}'} on stdout) and its exit code. */
  private record Curl(int exitCode, String stdout, String stderr) {
    String describe() {
      return "curl exit " + exitCode + ", stdout '" + stdout + "', stderr: " + stderr;
    }
  }

  private Curl curl(Duration timeout, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            CURL.toString(),
            "--silent",
            "--show-error",
            "--max-time",
            Long.toString(timeout.toSeconds()),
            "--write-out",
            "%{http_code}"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "curl-out-", ".log");
    Path err = Files.createTempFile(dir, "curl-err-", ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    try {
      if (!process.waitFor(timeout.toSeconds() + 30, TimeUnit.SECONDS)) {
        throw new AssertionError("curl did not finish within " + timeout + ": " + command);
      }
    } finally {
      process.destroyForcibly();
    }
    return new Curl(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8).strip(),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Writes {@code size} seeded random bytes to {@code file}; returns their SHA-256. */
  private static byte[] writeRandom(Path file, int size, long seed) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    Random random = new Random(seed);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int written = 0; written < size; written += chunk.length) {
        random.nextBytes(chunk);
        int n = Math.min(chunk.length, size - written);
        out.write(chunk, 0, n);
        digest.update(chunk, 0, n);
      }
    }
    return digest.digest();
  }

  private static byte[] sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
    return digest.digest();
  }
}
