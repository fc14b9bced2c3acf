package dev.trellis.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.trellis.nats.HeartbeatStream;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsCluster;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.Subjects;
import dev.trellis.scheduler.api.ApiResponse.GetResult;
import dev.trellis.scheduler.api.ApiResponse.PutResult;
import dev.trellis.scheduler.api.SchedulerClient;
import dev.trellis.scheduler.reconcile.ReconcileNames;
import dev.trellis.scheduler.reconcile.ReconcilerConfig;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * On a 3-node JetStream cluster, a scheduler asked for three storage replicas creates every bucket
 * and stream it uses with three copies, so its manifests outlive a NATS node; a scheduler asking
 * for another count leaves existing ones alone and says so.
 */
class StorageReplicasTest {
  private static final String LATTICE = "repl";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final List<String> BUCKETS =
      List.of(
          Subjects.MANIFEST_BUCKET,
          ReconcileNames.PLACEMENT_BUCKET,
          ReconcileNames.LEASE_BUCKET,
          Subjects.configBucket(LATTICE));
  private static final String APP =
      """
      apiVersion: core.oam.dev/v1beta1
      kind: Application
      metadata:
        name: web
        annotations:
          version: v1
      spec:
        components:
          - name: api
            type: component
            properties:
              image: ghcr.io/acme/web:1.0.0
            traits:
              - type: spreadscaler
                properties:
                  instances: 1
      """;

  @TempDir Path dir;

  @Test
  void threeReplicasOnAClusterAndExistingStateLeftAloneWithAWarning() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try (NatsCluster cluster = NatsCluster.start(3, dir, line -> {});
        Connection schedulerSide = connect(cluster.clientUrls(), "sched-r3");
        Connection clientSide = connect(cluster.servers().get(2).clientUrl(), "client-r3")) {
      Scheduler first =
          Scheduler.start(
              schedulerSide,
              new SchedulerConfig(LATTICE, "sched-r3", ReconcilerConfig.defaults(), 3));
      HeartbeatStream.ensure(schedulerSide, LATTICE, 3);
      for (String bucket : BUCKETS) {
        assertEquals(3, bucketReplicas(clientSide, bucket), bucket);
      }
      StreamInfo status = clientSide.jetStreamManagement().getStreamInfo(Subjects.STATUS_STREAM);
      assertEquals(3, status.getConfiguration().getReplicas());
      assertEquals(2, status.getClusterInfo().getReplicas().size(), "two followers");
      assertEquals(3, streamReplicas(clientSide, Subjects.heartbeatStream(LATTICE)));

      SchedulerClient client = new SchedulerClient(clientSide, LATTICE, Duration.ofSeconds(5));
      assertEquals(PutResult.CREATED, client.put(APP).result());

      first.close();

      logs.list.clear();
      try (Scheduler second =
          Scheduler.start(
              schedulerSide,
              new SchedulerConfig(LATTICE, "sched-r1", ReconcilerConfig.defaults()))) {
        assertEquals(1, second.config().storageReplicas());
        for (String bucket : BUCKETS) {
          assertEquals(3, bucketReplicas(clientSide, bucket), bucket + " left as it was");
          assertWarned(logs, "kind=bucket name=" + bucket + " replicas=3 wanted_replicas=1");
        }
        assertWarned(
            logs, "kind=stream name=" + Subjects.STATUS_STREAM + " replicas=3 wanted_replicas=1");
        HeartbeatStream.ensure(schedulerSide, LATTICE);
        assertWarned(
            logs,
            "kind=stream name="
                + Subjects.heartbeatStream(LATTICE)
                + " replicas=3 wanted_replicas=1");

        // A NATS node goes away (the first the scheduler dialled); the manifest is still served.
        cluster.servers().get(0).kill();
        await("the manifest served with one of three nodes dead", () -> readable(client));
      }
    } finally {
      root.detachAppender(logs);
    }
  }

  @Test
  void aReplicaCountJetStreamCannotKeepIsRefusedNamingTheSetting() {
    for (int bad : new int[] {0, 6, -1}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> SchedulerConfig.of(LATTICE).withStorageReplicas(bad));
      assertEquals(
          "storage replicas must be between 1 and 5 (JetStream's limit), got " + bad,
          e.getMessage());
    }
    assertEquals(5, SchedulerConfig.of(LATTICE).withStorageReplicas(5).storageReplicas());
  }

  @Test
  void moreReplicasThanServersFailsAtStartNamingTheBucketAndTheCount() {
    try (NatsServer single = NatsServer.startLocal(dir.resolve("single"));
        Connection connection = connect(single.clientUrl(), "sched-single")) {
      RuntimeException e =
          assertThrows(
              RuntimeException.class,
              () ->
                  Scheduler.start(
                      connection,
                      new SchedulerConfig(LATTICE, "sched-1", ReconcilerConfig.defaults(), 3)));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "cannot create KV bucket "
                      + Subjects.MANIFEST_BUCKET
                      + " (with 3 replicas, which needs a JetStream cluster of at least 3"
                      + " servers): "),
          e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(e);
    }
  }

  private static void assertWarned(ListAppender<ILoggingEvent> logs, String fields) {
    List<String> warnings =
        logs.list.stream()
            .filter(e -> e.getLevel() == Level.WARN)
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    assertTrue(
        warnings.contains("jetstream_replicas_mismatch " + fields + " action=left_unchanged"),
        "no warning with " + fields + " among " + warnings);
  }

  private static boolean readable(SchedulerClient client) {
    try {
      return client.get("web", Optional.empty()).result() == GetResult.SUCCESS;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static int bucketReplicas(Connection connection, String bucket) {
    try {
      return connection.keyValueManagement().getStatus(bucket).getReplicas();
    } catch (IOException | JetStreamApiException e) {
      return -1;
    }
  }

  private static int streamReplicas(Connection connection, String stream) {
    try {
      return connection
          .jetStreamManagement()
          .getStreamInfo(stream)
          .getConfiguration()
          .getReplicas();
    } catch (IOException | JetStreamApiException e) {
      return -1;
    }
  }

  private static Connection connect(String urls, String name) {
    return NatsConnector.connect(NatsClientConfig.of(urls, name));
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + WAIT.toMillis() + " ms waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }
}
