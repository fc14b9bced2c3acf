package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.nats.NatsServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trellis up} as a user runs it: it starts its own nats-server and a host, the host shows up
 * in {@code get hosts} from another process within two heartbeat intervals, and stopping it leaves
 * no nats-server behind.
 */
class UpCommandIT {
  @TempDir Path dir;

  @Test
  void upStartsALatticeThatListsItsHostAndStopsWithoutLeftovers() throws Exception {
    int port = NatsServer.freePort();
    String url = "nats://127.0.0.1:" + port;
    Map<String, String> env = Map.of("TRELLIS_HOME", dir.resolve("home").toString());
    try (CliProcess up =
        CliProcess.start(
            dir.resolve("up"),
            env,
            "up",
            "--nats-port",
            Integer.toString(port),
            "--heartbeat-interval",
            "2s",
            "--label",
            "region=eu-west")) {
      up.awaitOutput("Lattice up: NATS " + url, Duration.ofSeconds(90));
      List<ProcessHandle> natsChildren =
          up.handle()
              .descendants()
              .filter(p -> p.info().command().orElse("").endsWith("nats-server"))
              .toList();
      assertEquals(1, natsChildren.size(), "exactly one nats-server child");

      Duration listed =
          Await.until(
              "the host in get hosts",
              Duration.ofSeconds(30),
              () -> {
                CliProcess.Result result =
                    CliProcess.run(
                        dir.resolve("cli"),
                        Map.of(),
                        Duration.ofSeconds(60),
                        "get",
                        "hosts",
                        "--nats",
                        url,
                        "--output",
                        "json");
                try {
                  JsonNode hosts = new ObjectMapper().readTree(result.stdout());
                  return hosts.size() == 1
                      && hosts.get(0).get("labels").get("region").asText().equals("eu-west");
                } catch (java.io.IOException e) {
                  return false;
                }
              });
      assertTrue(listed.compareTo(Duration.ofSeconds(30)) < 0);

      up.terminate(Duration.ofSeconds(30));
      ProcessHandle natsServer = natsChildren.get(0);
      Await.until("nats-server to exit", Duration.ofSeconds(10), () -> !natsServer.isAlive());
      assertFalse(NatsServer.portInUse("127.0.0.1", port), "NATS port released");
    }
  }

  @Test
  void upDemoDeploysTheSampleAppAndPrintsAUrlThatAnswers() throws Exception {
    int natsPort = NatsServer.freePort();
    int httpPort = NatsServer.freePort();
    try (CliProcess up =
        CliProcess.start(
            dir.resolve("demo"),
            Map.of("TRELLIS_HOME", dir.resolve("demo-home").toString()),
            "up",
            "--demo",
            "--nats-port",
            Integer.toString(natsPort),
            "--http-port",
            Integer.toString(httpPort))) {
      String url = "http://127.0.0.1:" + httpPort + "/";
      up.awaitOutput("Demo app 'hello' is deployed: " + url, Duration.ofSeconds(120));
      var response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertEquals("Hello from Trellis!\n", response.body());
      up.terminate(Duration.ofSeconds(30));
      assertFalse(NatsServer.portInUse("127.0.0.1", natsPort), "NATS port released");
      assertFalse(NatsServer.portInUse("127.0.0.1", httpPort), "HTTP port released");
    }
  }

  @Test
  void upRefusesAPortInUseWithAClearMessage() {
    try (NatsServer other = NatsServer.startLocal(dir.resolve("other"))) {
      CliProcess.Result result =
          CliProcess.run(
              dir.resolve("up2"),
              Map.of("TRELLIS_HOME", dir.resolve("home2").toString()),
              Duration.ofSeconds(60),
              "up",
              "--nats-port",
              Integer.toString(other.config().port()));
      assertEquals(1, result.exitCode());
      assertTrue(
          result.stderr().contains("port " + other.config().port() + " is already in use"),
          result.stderr());
    }
  }
}
