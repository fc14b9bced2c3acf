package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trellis run --serve} as its own process: prints its URL, serves, stops on SIGTERM. */
class ServeCommandIT {
  private static final Path WASM = Path.of("..", "examples", "wasm").toAbsolutePath().normalize();
  private static final Pattern URL = Pattern.compile("Serving HTTP on (http://\\S+)");
  @TempDir Path dir;

  @Test
  void servesHelloUntilSigterm() throws Exception {
    try (CliProcess cli =
        CliProcess.start(
            dir,
            Map.of(),
            "run",
            "--serve",
            WASM.resolve("http-hello.wasm").toString(),
            "--addr",
            "127.0.0.1:0")) {
      cli.awaitOutput(
          out -> URL.matcher(out).find(), "the URL it serves on", Duration.ofSeconds(60));
      Matcher m = URL.matcher(cli.stdout());
      assertTrue(m.find(), cli.stdout());
      URI uri = URI.create(m.group(1));
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (String path : new String[] {"/", "/some/path?q=1"}) {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(uri.resolve(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("Hello from Trellis!\n", response.body());
      }
      cli.terminate(Duration.ofSeconds(30));
      assertFalse(cli.handle().isAlive());
      assertTrue(cli.stderr().contains("Stopped serving http-hello.wasm."), cli.stderr());
    }
  }

  @Test
  void aComponentWithoutAnHttpHandlerIsRefused() {
    CliProcess.Result result =
        CliProcess.run(
            dir,
            Map.of(),
            Duration.ofSeconds(60),
            "run",
            "--serve",
            WASM.resolve("values.wasm").toString(),
            "--addr",
            "127.0.0.1:0");
    assertEquals(1, result.exitCode(), result.stderr());
    assertTrue(
        result.stderr().contains("does not export wasi:http/incoming-handler"), result.stderr());
  }
}
