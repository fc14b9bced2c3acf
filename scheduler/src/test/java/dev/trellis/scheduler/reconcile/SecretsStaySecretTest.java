package dev.trellis.scheduler.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.v2.Workload;
import dev.trellis.scheduler.api.ApiResponse.PutResult;
import dev.trellis.scheduler.api.StatusType;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What a manifest says about secrets never leaves the scheduler through its logs, its CloudEvents
 * or its status updates: a manifest with secret references, a secret policy carrying a token, and a
 * password in a component's config is put, deployed and undeployed against a real nats-server while
 * every log line (at TRACE) and every message on the event and status subjects is recorded.
 */
class SecretsStaySecretTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String PASSWORD = "pw-" + UUID.randomUUID();
  private static final String POLICY_TOKEN = "tok-" + UUID.randomUUID();

  @TempDir Path dir;

  @Test
  void secretValuesNeverReachLogsEventsOrStatuses() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    root.setLevel(Level.TRACE);
    List<String> published = new CopyOnWriteArrayList<>();
    try (LatticeFixture fx = new LatticeFixture(dir)) {
      Connection listener = fx.connect("listener");
      Dispatcher recorder =
          listener.createDispatcher(
              (Message m) ->
                  published.add(
                      m.getSubject() + " " + new String(m.getData(), StandardCharsets.UTF_8)));
      recorder.subscribe(Subjects.allSchedulerEvents(LatticeFixture.LATTICE));
      recorder.subscribe("wadm.status." + LatticeFixture.LATTICE + ".>");
      listener.flush(Duration.ofSeconds(5));

      fx.scheduler("s1");
      // A rejected manifest (its secret names no policy) is reported without its values too.
      var rejected = fx.client.put(manifest().replace("policy: vault", "policy: missing"));
      assertEquals(PutResult.ERROR, rejected.result(), rejected.message());
      var put = fx.client.put(manifest());
      assertEquals(PutResult.CREATED, put.result(), put.message());
      fx.client.deploy("billing", Optional.empty());
      fx.awaitStatus("billing", StatusType.DEPLOYED, WAIT);
      // The password did travel: it is the component's config on the host, where it belongs.
      List<Workload> started =
          fx.hosts.stream().flatMap(h -> h.workloads().values().stream()).toList();
      assertEquals(1, started.size());
      assertEquals(
          PASSWORD,
          started
              .getFirst()
              .getWitWorld()
              .getComponents(0)
              .getLocalResources()
              .getConfigMap()
              .get("DB_PASSWORD"));

      fx.client.undeploy("billing");
      fx.awaitStatus("billing", StatusType.UNDEPLOYED, WAIT);
      listener.flush(Duration.ofSeconds(5));
      fx.await("the undeploy event", WAIT, () -> has(published, "app_undeployed"));
    } finally {
      root.setLevel(level);
      root.detachAppender(logs);
    }

    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : logs.list) {
      lines.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        lines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
      if (event.getKeyValuePairs() != null) {
        event.getKeyValuePairs().forEach(kv -> lines.add(kv.key + "=" + kv.value));
      }
      lines.add(String.valueOf(event.getMDCPropertyMap()));
    }
    assertTrue(lines.size() > 20, "the scheduler logged its work: " + lines.size());
    assertTrue(has(published, "manifest_published"), "events recorded: " + published);
    assertTrue(has(published, "wadm.status."), "statuses recorded: " + published);
    for (String secret : List.of(PASSWORD, POLICY_TOKEN)) {
      assertFalse(has(lines, secret), "a log line holds a secret: " + matching(lines, secret));
      assertFalse(
          has(published, secret), "a published message holds a secret: " + published.toString());
    }
  }

  private static boolean has(List<String> texts, String part) {
    return texts.stream().anyMatch(t -> t.contains(part));
  }

  private static List<String> matching(List<String> texts, String part) {
    return texts.stream().filter(t -> t.contains(part)).toList();
  }

  private static String manifest() {
    return """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata:
          name: billing
          annotations:
            version: v1
        spec:
          policies:
            - name: vault
              type: policy.secret.wasmcloud.dev/v1alpha1
              properties:
                backend: nats-kv
                token: %s
          components:
            - name: invoices
              type: component
              properties:
                image: ghcr.io/acme/billing/invoices:1.0.0
                config:
                  - name: db
                    properties:
                      DB_HOST: db.internal
                      DB_PASSWORD: %s
                secrets:
                  - name: stripe-key
                    properties:
                      policy: vault
                      key: stripe
                      field: api_key
              traits:
                - type: spreadscaler
                  properties:
                    instances: 1
        """
        .formatted(POLICY_TOKEN, PASSWORD);
  }
}
