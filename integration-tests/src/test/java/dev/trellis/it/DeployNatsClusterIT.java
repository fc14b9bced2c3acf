package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.it.DeployFiles.NatsConf;
import dev.trellis.nats.NatsServer;
import dev.trellis.nats.NatsServerBinary;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/nats/nats-cluster.conf}, moved to loopback ports and temporary directories and
 * nothing else, forms a 3-node JetStream cluster: a meta leader is elected, a replicated KV bucket
 * can be created by the {@code trellis} user, and a client without the password is turned away.
 */
class DeployNatsClusterIT {
  private static final Duration FORMATION = Duration.ofSeconds(60);
  private static final String PASSWORD = "c0ffee" + Long.toHexString(System.nanoTime());

  @TempDir Path dir;

  @Test
  void theShippedClusterConfigFormsAJetStreamCluster() throws Exception {
    String template = DeployFiles.read(DeployModel.CLUSTER_CONF);
    NatsConf conf = NatsConf.parse("nats-cluster.conf", template);
    int size = conf.routes().size();
    assertEquals(3, size);
    List<int[]> ports = new ArrayList<>(); // client, monitor, cluster
    for (int i = 0; i < size; i++) {
      ports.add(new int[] {NatsServer.freePort(), NatsServer.freePort(), NatsServer.freePort()});
    }
    List<Process> members = new ArrayList<>();
    try {
      for (int i = 0; i < size; i++) {
        String text = template;
        text = replaceOnce(text, conf.clientListen(), "127.0.0.1:" + ports.get(i)[0]);
        text = replaceOnce(text, conf.monitorListen(), "127.0.0.1:" + ports.get(i)[1]);
        text = replaceOnce(text, conf.clusterListen(), "127.0.0.1:" + ports.get(i)[2]);
        text = replaceOnce(text, "store_dir: /var/lib/nats", "store_dir: " + dir.resolve("n" + i));
        for (int r = 0; r < size; r++) {
          text = replaceOnce(text, "//" + conf.routes().get(r), "//127.0.0.1:" + ports.get(r)[2]);
        }
        Path file = dir.resolve("n" + i + ".conf");
        Files.writeString(file, text);
        members.add(start(file, "nats-" + (i + 1), dir.resolve("n" + i + ".log")));
      }

      JsonNode meta = awaitMetaLeader(ports.get(0)[1], size);
      assertEquals(size, meta.path("cluster_size").asInt(), meta.toString());
      assertEquals("trellis", meta.path("name").asText(), meta.toString());

      String urls = "nats://127.0.0.1:" + ports.get(1)[0] + ",nats://127.0.0.1:" + ports.get(2)[0];
      try (Connection trellis =
          Nats.connect(
              Options.builder()
                  .servers(urls.split(","))
                  .userInfo("trellis", PASSWORD)
                  .connectionTimeout(Duration.ofSeconds(5))
                  .build())) {
        KeyValueStatus status =
            trellis
                .keyValueManagement()
                .create(KeyValueConfiguration.builder().name("deploy_it").replicas(3).build());
        assertEquals(3, status.getReplicas());
        trellis.keyValue("deploy_it").put("k", "v".getBytes(StandardCharsets.UTF_8));
        assertEquals(
            "v",
            new String(trellis.keyValue("deploy_it").get("k").getValue(), StandardCharsets.UTF_8));
      }
      assertThrows(
          IOException.class,
          () ->
              Nats.connect(
                      Options.builder()
                          .server("nats://127.0.0.1:" + ports.get(0)[0])
                          .maxReconnects(0)
                          .connectionTimeout(Duration.ofSeconds(5))
                          .build())
                  .close(),
          "a client without credentials is rejected");
    } finally {
      for (Process member : members) {
        member.destroy();
      }
      for (Process member : members) {
        if (!member.waitFor(10, TimeUnit.SECONDS)) {
          member.destroyForcibly();
        }
      }
    }
  }

  private static Process start(Path config, String name, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                NatsServerBinary.locateOrInstall(line -> {}).toString(), "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("NATS_SERVER_NAME", name);
    builder.environment().put("TRELLIS_NATS_PASSWORD", PASSWORD);
    return builder.start();
  }

  /**
   * Polls {@code /jsz} until the JetStream meta group has a leader and all {@code size} members (a
   * leader can be elected by a quorum before the last member has joined); bounded by time.
   */
  private static JsonNode awaitMetaLeader(int monitorPort, int size) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    URI jsz = URI.create("http://127.0.0.1:" + monitorPort + "/jsz");
    long deadline = System.nanoTime() + FORMATION.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(jsz).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        last = answer.body();
        JsonNode meta = DeployFiles.JSON.readTree(last).path("meta_cluster");
        if (!meta.path("leader").asText().isEmpty() && meta.path("cluster_size").asInt() == size) {
          return meta;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no JetStream meta leader within " + FORMATION + "; /jsz: " + last);
  }

  private static String replaceOnce(String text, String from, String to) {
    int at = text.indexOf(from);
    assertTrue(
        at >= 0 && text.indexOf(from, at + 1) < 0,
        "nats-cluster.conf must contain '" + from + "' exactly once; update this test's rewrite");
    return text.replace(from, to);
  }
}
