package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.scheduler.inventory.HostInventory;
import dev.trellis.scheduler.inventory.HostView;
import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts as separate {@code trellis host} processes against one real {@code nats-server}: they
 * appear in {@code trellis get hosts} with their labels, a killed one drops out within its TTL, a
 * stopped one at once, and garbage on the heartbeat subject changes nothing but a warning.
 */
class LatticeMembershipIT {
  private static final Duration STARTUP = Duration.ofSeconds(60);
  @TempDir static Path dir;
  private static TestNats nats;
  private static Connection connection;
  private final List<CliProcess> processes = new ArrayList<>();

  @BeforeAll
  static void startNats() {
    nats = TestNats.start(dir.resolve("nats"));
    connection = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "membership-it"));
  }

  @AfterAll
  static void stopNats() {
    NatsConnector.closeQuietly(connection);
    nats.close();
  }

  @AfterEach
  void stopHosts() {
    processes.forEach(CliProcess::close);
  }

  private CliProcess host(String id, String interval, String... labels) {
    List<String> args =
        new ArrayList<>(
            List.of("host", "--nats", nats.clientUrl(), "--host-id", id)); // explicit stable ids
    args.addAll(List.of("--heartbeat-interval", interval));
    for (String label : labels) {
      args.addAll(List.of("--label", label));
    }
    CliProcess process = CliProcess.start(dir.resolve(id), Map.of(), args.toArray(String[]::new));
    processes.add(process);
    return process;
  }

  private Set<String> liveIds() {
    return new HostInventory(connection, Clock.systemUTC())
        .liveHosts(Optional.empty()).stream().map(HostView::hostId).collect(Collectors.toSet());
  }

  private CliProcess.Result getHosts(String... extra) {
    List<String> args = new ArrayList<>(List.of("get", "hosts", "--nats", nats.clientUrl()));
    args.addAll(List.of(extra));
    return CliProcess.run(
        dir.resolve("cli"), Map.of(), Duration.ofSeconds(60), args.toArray(String[]::new));
  }

  @Test
  void threeHostsAreListedWithLabelsAndAKilledOneDropsOutWithinItsTtl() throws Exception {
    host("it-a", "1s", "zone=a", "tier=edge");
    CliProcess b = host("it-b", "1s", "zone=b");
    host("it-c", "1s", "zone=c");
    Await.until("three live hosts", STARTUP, () -> liveIds().containsAll(ids("a", "b", "c")));

    CliProcess.Result json = getHosts("--output", "json");
    assertEquals(0, json.exitCode(), json.stderr());
    JsonNode hosts = new ObjectMapper().readTree(json.stdout());
    Map<String, JsonNode> byId = new java.util.HashMap<>();
    hosts.forEach(h -> byId.put(h.get("id").asText(), h));
    assertEquals("a", byId.get("it-a").get("labels").get("zone").asText());
    assertEquals("edge", byId.get("it-a").get("labels").get("tier").asText());
    assertEquals("b", byId.get("it-b").get("labels").get("zone").asText());
    assertEquals("linux", byId.get("it-c").get("labels").get("hostcore.os").asText());
    assertEquals(1000, byId.get("it-c").get("heartbeatIntervalMs").asInt());

    CliProcess.Result table = getHosts();
    assertTrue(table.stdout().startsWith("HOST ID"), table.stdout());
    assertTrue(table.stdout().contains("zone=b"), table.stdout());

    b.kill();
    Duration gone =
        Await.until(
            "killed host it-b to leave the listing",
            Duration.ofSeconds(15),
            () -> !liveIds().contains("it-b"));
    // TTL = 3 intervals of 1 s, counted from its last beat (at most one interval before the kill).
    assertTrue(gone.compareTo(Duration.ofSeconds(4)) <= 0, "took " + gone);
    assertTrue(liveIds().containsAll(ids("a", "c")), "survivors still listed: " + liveIds());
  }

  @Test
  void aHostStoppedCleanlyLeavesAtOnce() {
    CliProcess host = host("it-stop", "15s");
    Await.until("host listed", STARTUP, () -> liveIds().contains("it-stop"));
    host.terminate(Duration.ofSeconds(30));
    // With a 15 s interval its TTL is 45 s; a clean stop removes its heartbeat immediately.
    assertTrue(!liveIds().contains("it-stop"), "still listed after a clean stop");
  }

  @Test
  void aMalformedHeartbeatIsIgnoredWithAWarning() throws Exception {
    host("it-good", "1s", "zone=x");
    Await.until("host listed", STARTUP, () -> liveIds().contains("it-good"));
    connection.publish(
        "runtime.operator.heartbeat.bogus", "{this is not json".getBytes(StandardCharsets.UTF_8));
    connection.publish(
        "runtime.operator.heartbeat.noid",
        "{\"friendlyName\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    connection.flush(Duration.ofSeconds(5));

    CliProcess.Result result = getHosts("-o", "json");
    assertEquals(0, result.exitCode(), result.stderr());
    JsonNode hosts = new ObjectMapper().readTree(result.stdout());
    List<String> listed = new ArrayList<>();
    hosts.forEach(h -> listed.add(h.get("id").asText()));
    assertTrue(listed.contains("it-good"), listed.toString());
    assertTrue(
        result.stderr().contains("heartbeat_ignored subject=runtime.operator.heartbeat.bogus"),
        result.stderr());
    assertTrue(
        result.stderr().contains("subject=runtime.operator.heartbeat.noid reason=missing_host_id"),
        result.stderr());
  }

  private static Set<String> ids(String... suffixes) {
    return java.util.Arrays.stream(suffixes).map(s -> "it-" + s).collect(Collectors.toSet());
  }
}
