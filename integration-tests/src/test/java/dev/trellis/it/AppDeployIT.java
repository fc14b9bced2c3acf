package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.proto.v2.ComponentInfo;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.scheduler.api.StatusType;
import io.nats.client.KeyValue;
import io.nats.client.Message;
import io.nats.client.api.KeyValueEntry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example manifests of {@code examples/manifests} that use more than one part, deployed through
 * the scheduler onto a real {@code trellis host} process exactly as a user would ({@code trellis
 * app deploy}): a three-component chain (http-sum → calc → adder, linked in-process) behind the
 * host's HTTP server, and a key-value counter driven over NATS messaging whose count lives in a
 * JetStream key-value bucket.
 */
class AppDeployIT {
  @TempDir static Path dir;
  private static ProcessLattice lattice;

  @BeforeAll
  static void start() {
    lattice = ProcessLattice.start(dir);
    lattice.host("apps-host");
    lattice.scheduler("apps-scheduler");
    lattice.awaitHosts();
  }

  @AfterAll
  static void stop() {
    if (lattice != null) {
      lattice.close();
    }
  }

  /** The example manifest {@code name}, with {@code ${EXAMPLES}} filled in, as a file to deploy. */
  private static Path manifest(String name) throws IOException {
    String yaml =
        Files.readString(ProcessLattice.EXAMPLES.resolve("manifests").resolve(name + ".yaml"))
            .replace("${EXAMPLES}", ProcessLattice.EXAMPLES.toString());
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static void awaitDeployed(String app) {
    try {
      Await.until(
          "app " + app + " deployed",
          ProcessLattice.STARTUP,
          () -> lattice.is(app, StatusType.DEPLOYED));
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + "; last status " + lattice.status(app) + "\n" + lattice.logs(), e);
    }
  }

  @Test
  void aThreeComponentChainDeploysAndAnswersThroughBothLinks() throws Exception {
    lattice.app("deploy", manifest("sum-chain").toString());
    awaitDeployed("sum-chain");

    for (int i = 0; i < 5; i++) {
      HttpResponse<String> response = lattice.get("apps-host", "/");
      assertEquals(200, response.statusCode(), response.body());
      assertEquals("sum=6\n", response.body());
    }
    // Two instances, each one workload holding all three components (linked in-process).
    List<WorkloadStatus> chains =
        lattice.inventory("apps-host").orElseThrow().stream()
            .filter(
                w ->
                    w.getComponentsList().stream()
                        .map(ComponentInfo::getName)
                        .collect(Collectors.toSet())
                        .equals(Set.of("front", "calc", "adder")))
            .toList();
    assertEquals(2, chains.size(), "workloads holding front, calc and adder: " + chains);
    assertTrue(
        chains.stream().allMatch(w -> w.getWorkloadState() == WorkloadState.WORKLOAD_STATE_RUNNING),
        chains.toString());
    String status = lattice.app("status", "sum-chain").stdout();
    assertTrue(status.contains("deployed"), status);
  }

  @Test
  void aKeyValueCounterDeploysAndCountsInJetStream() throws Exception {
    lattice.app("deploy", manifest("kv-counter").toString());
    awaitDeployed("kv-counter");

    List<String> replies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Message reply =
          lattice.client().request("kvcounter.increment", new byte[0], Duration.ofSeconds(10));
      assertTrue(reply != null && !reply.isStatusMessage(), "no reply to increment " + (i + 1));
      replies.add(new String(reply.getData(), StandardCharsets.UTF_8));
    }
    assertEquals(List.of("1", "2", "3"), replies);

    KeyValue bucket = lattice.client().keyValue("kvcounter");
    KeyValueEntry count = bucket.get("count");
    assertTrue(count != null, "no key 'count' in bucket kvcounter");
    assertEquals("3", new String(count.getValue(), StandardCharsets.UTF_8));
  }
}
