package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.nats.NatsServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator watching a lattice sees: a host and a scheduler started with {@code
 * --metrics-addr} serve Prometheus text whose counters move as an app is deployed and served; a
 * host started with {@code --log-format json} writes one JSON object per log line; {@code trellis
 * get apps} lists the app as a table and as JSON.
 */
class ObservabilityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern METRICS_URL = Pattern.compile("Metrics at (http://\\S+/metrics)");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  @Test
  void metricsMoveWithRealInvocationsLogsAreJsonAndGetAppsLists() throws Exception {
    try (NatsServer nats = NatsServer.startLocal(dir.resolve("nats"))) {
      String url = nats.clientUrl();
      int httpPort = NatsServer.freePort();
      Map<String, String> env = Map.of("TRELLIS_HOME", dir.resolve("home").toString());
      try (CliProcess host =
              CliProcess.start(
                  dir.resolve("host"),
                  env,
                  "host",
                  "--nats",
                  url,
                  "--http-port",
                  Integer.toString(httpPort),
                  "--heartbeat-interval",
                  "1s",
                  "--image-cache-dir",
                  dir.resolve("cache").toString(),
                  "--metrics-addr",
                  "127.0.0.1:0",
                  "--log-format",
                  "json");
          CliProcess scheduler =
              CliProcess.start(
                  dir.resolve("scheduler"),
                  Map.of(),
                  "scheduler",
                  "--nats",
                  url,
                  "--metrics-addr",
                  "127.0.0.1:0")) {
        String hostMetrics = metricsUrl(host);
        String schedulerMetrics = metricsUrl(scheduler);
        assertEquals(0.0, sum(scrape(schedulerMetrics), "trellis_scheduler_commands_total"));

        Path manifest = dir.resolve("hello.yaml");
        Files.writeString(manifest, manifest());
        CliProcess.Result deployed =
            CliProcess.run(
                dir.resolve("cli"),
                Map.of(),
                Duration.ofSeconds(60),
                "app",
                "deploy",
                manifest.toString(),
                "--nats",
                url);
        assertEquals(0, deployed.exitCode(), deployed.stderr());

        URI hello = URI.create("http://127.0.0.1:" + httpPort + "/");
        Await.until("the app answering", Duration.ofSeconds(60), () -> status(hello) == 200);
        int requests = 5;
        for (int i = 0; i < requests; i++) {
          assertEquals(200, status(hello));
        }

        // the handler's invocations and the HTTP requests, in the host's own scrape
        Await.until(
            "invocations counted",
            Duration.ofSeconds(10),
            () ->
                sum(
                        scrape(hostMetrics),
                        "trellis_component_invocations_seconds_count",
                        "component=\"hello\"",
                        "outcome=\"ok\"")
                    >= requests + 1);
        String scraped = scrape(hostMetrics);
        assertTrue(
            sum(scraped, "trellis_http_server_requests_seconds_count", "status=\"200\"")
                >= requests + 1,
            scraped);
        assertTrue(sum(scraped, "trellis_component_instances_pooled") >= 0, scraped);
        assertTrue(sum(scraped, "jvm_threads_live_threads") > 0, scraped);

        // the scheduler reconciled the app and sent the host a start
        String schedulerScrape = scrape(schedulerMetrics);
        assertTrue(
            sum(schedulerScrape, "trellis_scheduler_reconcile_passes_seconds_count") >= 1,
            schedulerScrape);
        assertTrue(
            sum(
                    schedulerScrape,
                    "trellis_scheduler_commands_total",
                    "kind=\"start\"",
                    "outcome=\"answered\"")
                >= 1,
            schedulerScrape);
        assertTrue(sum(schedulerScrape, "trellis_scheduler_hosts_live") >= 1, "live hosts gauge");

        assertGetApps(url);
        assertJsonLogs(host.stderr());
      }
    }
  }

  private void assertGetApps(String url) throws IOException {
    CliProcess.Result table =
        CliProcess.run(
            dir.resolve("cli"), Map.of(), Duration.ofSeconds(60), "get", "apps", "--nats", url);
    assertEquals(0, table.exitCode(), table.stderr());
    List<String> lines = table.stdout().lines().toList();
    assertTrue(lines.get(0).startsWith("NAME"), table.stdout());
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("hello ") && l.contains("v0.1.0")),
        table.stdout());

    CliProcess.Result json =
        CliProcess.run(
            dir.resolve("cli"),
            Map.of(),
            Duration.ofSeconds(60),
            "get",
            "apps",
            "-o",
            "json",
            "--nats",
            url);
    assertEquals(0, json.exitCode(), json.stderr());
    JsonNode apps = JSON.readTree(json.stdout());
    assertEquals(1, apps.size(), json.stdout());
    assertEquals("hello", apps.get(0).path("name").asText());
    assertEquals("v0.1.0", apps.get(0).path("deployed_version").asText(), json.stdout());
  }

  /** Every log line is one JSON object; the CLI's own notices are the only other lines. */
  private static void assertJsonLogs(String stderr) throws IOException {
    int logLines = 0;
    for (String line : stderr.lines().toList()) {
      if (line.startsWith("{")) {
        JsonNode node = JSON.readTree(line);
        assertTrue(node.has("level") && node.has("loggerName"), line);
        assertFalse(node.path("formattedMessage").asText().isEmpty(), line);
        logLines++;
      } else {
        assertFalse(line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*"), "a text log line: " + line);
      }
    }
    assertTrue(logLines >= 3, "JSON log lines in:\n" + stderr);
    assertTrue(stderr.contains("\"formattedMessage\":\"host_started host_id="), stderr);
  }

  private static String metricsUrl(CliProcess process) {
    process.awaitOutput(
        all -> METRICS_URL.matcher(all).find(), "the metrics URL", Duration.ofSeconds(60));
    Matcher m = METRICS_URL.matcher(process.stdout() + process.stderr());
    assertTrue(m.find());
    return m.group(1);
  }

  private static String scrape(String url) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      return response.body();
    } catch (IOException e) {
      throw new AssertionError("cannot scrape " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The sum of the samples of {@code metric} whose labels contain every one of {@code labels}. */
  static double sum(String scrape, String metric, String... labels) {
    OptionalDouble total =
        scrape
            .lines()
            .filter(l -> l.startsWith(metric + "{") || l.startsWith(metric + " "))
            .filter(l -> List.of(labels).stream().allMatch(l::contains))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
            .reduce(Double::sum);
    return total.orElse(0.0);
  }

  private static int status(URI uri) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The demo app's manifest, pointing at this checkout's examples. */
  private static String manifest() throws IOException {
    Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
    return Files.readString(examples.resolve("manifests/hello.yaml"))
        .replace("${EXAMPLES}", examples.toString());
  }
}
