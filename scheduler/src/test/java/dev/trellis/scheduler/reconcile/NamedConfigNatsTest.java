package dev.trellis.scheduler.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.proto.v2.Workload;
import dev.trellis.scheduler.api.StatusType;
import dev.trellis.scheduler.store.ConfigStore;
import io.nats.client.KeyValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app that names a stored config, reconciled against a real nats-server and fake hosts: it waits
 * for the config, deploys with its values once it is put, and rolls over when it changes. The
 * resync period is a minute, so every reaction within the test's wait comes from the bucket watch.
 */
class NamedConfigNatsTest {
  private static final Logger LOG = LoggerFactory.getLogger(NamedConfigNatsTest.class);
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String APP =
      """
      apiVersion: core.oam.dev/v1beta1
      kind: Application
      metadata:
        name: db-app
        annotations: {version: v1}
      spec:
        components:
          - name: api
            type: component
            properties:
              image: ghcr.io/acme/api:1.0.0
              config:
                - name: db-settings
                - {name: local, properties: {pool: "4"}}
            traits:
              - type: spreadscaler
                properties: {instances: 2}
      """;

  @TempDir Path dir;
  private LatticeFixture fx;
  private ConfigStore configs;

  @BeforeEach
  void start() {
    fx = new LatticeFixture(dir);
    fx.scheduler(
        "s1", LatticeFixture.FAST.withIntervals(Duration.ofMillis(100), Duration.ofMinutes(1)));
    configs = ConfigStore.open(fx.connect("config-writer"), LatticeFixture.LATTICE, 1);
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void waitsForTheNamedConfigThenDeploysItsValuesAndRollsOverWhenItChanges() throws Exception {
    fx.deploy(APP, "db-app");
    awaitMessage("not found in bucket");
    String waiting = fx.status("db-app").orElseThrow().message();
    assertEquals(StatusType.WAITING, fx.status("db-app").orElseThrow().type());
    assertTrue(
        waiting.contains(
            "config 'db-settings' (component api) not found in bucket CONFIGDATA_rtest; create it"
                + " with: trellis config put db-settings key=value"),
        waiting);
    assertEquals(0, fx.lattice.requests(), "nothing starts while the config is missing");

    long put = System.nanoTime();
    configs.put("db-settings", Map.of("url", "postgres://db-1/app", "pool", "16"));
    fx.awaitStatus("db-app", StatusType.DEPLOYED, WAIT);
    LOG.info("named_config_put_to_deployed_ms={}", (System.nanoTime() - put) / 1_000_000);
    assertEquals(
        List.of(
            Map.of("url", "postgres://db-1/app", "pool", "4"),
            Map.of("url", "postgres://db-1/app", "pool", "4")),
        configsOfRunning(),
        "stored values, overridden by the later owned config");

    fx.lattice.resetMax("db-app");
    configs.put("db-settings", Map.of("url", "postgres://db-2/app"));
    fx.await(
        "both instances on the new values",
        WAIT,
        () ->
            configsOfRunning()
                .equals(
                    List.of(
                        Map.of("url", "postgres://db-2/app", "pool", "4"),
                        Map.of("url", "postgres://db-2/app", "pool", "4"))));
    fx.awaitStatus("db-app", StatusType.DEPLOYED, WAIT);
    assertEquals(2, fx.lattice.running("db-app"));
    assertTrue(
        fx.lattice.maxRunning("db-app") <= 3,
        "rolled over within surge 1: max " + fx.lattice.maxRunning("db-app"));
    assertEquals(4, fx.lattice.totalStarts(), "two first starts, two replacements");
  }

  @Test
  void aMalformedStoredValueFailsNamingItAndLeavesRunningInstancesAlone() throws Exception {
    configs.put("db-settings", Map.of("url", "postgres://db-1/app"));
    fx.deploy(APP, "db-app");
    fx.awaitStatus("db-app", StatusType.DEPLOYED, WAIT);
    int starts = fx.lattice.totalStarts();

    KeyValue raw = fx.connect("someone-else").keyValue(configs.bucket());
    raw.put(
        "db-settings",
        "{\"url\":\"postgres://db-1/app\",\"pool\":16}".getBytes(StandardCharsets.UTF_8));
    fx.awaitStatus("db-app", StatusType.FAILED, WAIT);
    String failed = fx.status("db-app").orElseThrow().message();
    assertTrue(
        failed.contains(
            "config 'db-settings' (component api) in bucket CONFIGDATA_rtest has a value that is"
                + " not a string: key 'pool' holds a number (16)"),
        failed);
    assertEquals(2, fx.lattice.running("db-app"), "running instances stay");
    assertEquals(starts, fx.lattice.totalStarts());

    configs.delete("db-settings");
    awaitMessage("not found in bucket");
    assertEquals(StatusType.WAITING, fx.status("db-app").orElseThrow().type());
    assertEquals(2, fx.lattice.running("db-app"), "still running while the config is gone");
  }

  private void awaitMessage(String text) {
    fx.await(
        "a status saying '" + text + "'",
        WAIT,
        () -> fx.status("db-app").map(s -> s.message().contains(text)).orElse(false));
  }

  /** The component config of every running instance of db-app, sorted for comparison. */
  private List<Map<String, String>> configsOfRunning() {
    return fx.hosts.stream()
        .flatMap(h -> h.workloads().values().stream())
        .filter(w -> "db-app".equals(w.getAnnotationsMap().get(Ownership.APPSPEC)))
        .map(NamedConfigNatsTest::componentConfig)
        .sorted(java.util.Comparator.comparing(Object::toString))
        .toList();
  }

  private static Map<String, String> componentConfig(Workload workload) {
    return workload.getWitWorld().getComponents(0).getLocalResources().getConfigMap();
  }
}
