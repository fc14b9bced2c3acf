package dev.trellis.host.plugin.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.trellis.host.Host;
import dev.trellis.host.workload.TestWorkloads;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStopRequest;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A component exporting {@code wasmcloud:messaging/handler} is invoked for messages on its
 * subscriptions and answers through {@code consumer.publish}; nothing is delivered after a stop.
 */
class MessagingPluginTest {
  @TempDir static Path dir;
  private static NatsServer nats;
  private static Connection hostSide;
  private static Connection client;

  @BeforeAll
  static void start() {
    nats = NatsServer.startLocal(dir.resolve("nats"));
    hostSide = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "host"));
    client = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "client"));
  }

  @AfterAll
  static void stop() {
    NatsConnector.closeQuietly(client);
    NatsConnector.closeQuietly(hostSide);
    nats.close();
  }

  private static String ask(String subject) throws InterruptedException {
    Message reply = client.request(subject, new byte[0], Duration.ofSeconds(5));
    return reply == null ? null : new String(reply.getData(), StandardCharsets.UTF_8);
  }

  @Test
  void messagesOnTheSubscribedSubjectsInvokeTheHandler() throws Exception {
    try (Host host =
        Host.builder(TestWorkloads.config(dir.resolve("h"), "msg-host")).nats(hostSide).build()) {
      WorkloadStatus status =
          host.start(
              TestWorkloads.request(
                  "msg",
                  TestWorkloads.component("counter", "kv-counter")
                      .setLocalResources(
                          LocalResources.newBuilder()
                              .putConfig("subscriptions", "count.up, count.also")
                              .putConfig("bucket", "msg_counts"))));
      assertEquals(
          WorkloadState.WORKLOAD_STATE_RUNNING, status.getWorkloadState(), status.getMessage());
      assertEquals("1", ask("count.up"));
      assertEquals("2", ask("count.also"));

      host.stop(WorkloadStopRequest.newBuilder().setWorkloadId("msg").build());
      Message none = client.request("count.up", new byte[0], Duration.ofMillis(300));
      assertNull(none, "no handler answers after the stop");
    }
  }
}
