package dev.trellis.scheduler.api;

import static dev.trellis.scheduler.store.Fixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.Subjects.ModelOperation;
import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.manifest.ManifestParser;
import dev.trellis.scheduler.manifest.Manifests;
import dev.trellis.scheduler.store.Fixtures;
import dev.trellis.scheduler.store.ManifestStore;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler API as wadm's clients see it: raw requests on a real nats-server answered by two
 * replicas in the queue group, replies compared field by field with wadm's JSON.
 */
class SchedulerApiServerTest {
  private static final String LATTICE = "apitest";
  private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

  @TempDir static Path dir;
  private static NatsServer nats;
  private static Connection client;
  private static final List<Connection> serverConnections = new ArrayList<>();
  private static final List<SchedulerApiServer> servers = new ArrayList<>();
  private static final RecordingListener listener = new RecordingListener();
  private static StatusStore statuses;

  @BeforeAll
  static void start() {
    nats = NatsServer.startLocal(dir.resolve("nats"));
    client = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "api-client"));
    ManifestParser parser = Fixtures.parser();
    AtomicInteger ids = new AtomicInteger();
    for (String id : List.of("sched-1", "sched-2")) {
      Connection connection = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), id));
      serverConnections.add(connection);
      statuses = StatusStore.open(connection, LATTICE);
      var events =
          new SchedulerEvents(
              connection,
              LATTICE,
              id,
              Clock.fixed(NOW, ZoneOffset.UTC),
              () -> "evt-" + ids.incrementAndGet());
      var backend =
          new SchedulerApiServer.Backend(
              ManifestStore.open(connection, LATTICE), statuses, listener, events, parser);
      servers.add(
          SchedulerApiServer.start(connection, new SchedulerApiConfig(LATTICE, id), backend));
    }
  }

  @AfterAll
  static void stop() {
    servers.forEach(SchedulerApiServer::close);
    serverConnections.forEach(NatsConnector::closeQuietly);
    NatsConnector.closeQuietly(client);
    nats.close();
  }

  @Test
  void putCreatesAnApplicationThenAddsVersions() throws Exception {
    assertJson(
        "{\"result\":\"created\",\"total_versions\":1,\"current_version\":\"v1\","
            + "\"message\":\"Successfully put manifest put-app v1; 1 warning(s):"
            + " spec.components[0].properties.secrets[0]: secret 'db-password' is not passed to"
            + " hosts: Trellis does not resolve secrets yet\",\"name\":\"put-app\"}",
        put(yaml("put-app", "v1"), Map.of()));
    String json = Manifests.toJson(Fixtures.app("put-app", "v2"));
    assertJson(
        "{\"result\":\"newversion\",\"total_versions\":2,\"current_version\":\"v2\","
            + "\"message\":\"Successfully put manifest put-app v2; 1 warning(s):"
            + " spec.components[0].properties.secrets[0]: secret 'db-password' is not passed to"
            + " hosts: Trellis does not resolve secrets yet\",\"name\":\"put-app\"}",
        put(json, Map.of("Content-Type", "application/json")));
    JsonNode unversioned =
        put(
            yaml("put-app", java.util.Optional.empty()),
            Map.of("Content-Type", "application/yaml"));
    assertEquals("newversion", unversioned.get("result").asText());
    assertEquals(Fixtures.FIRST_ULID, unversioned.get("current_version").asText());
    assertEquals(3, unversioned.get("total_versions").asInt());
  }

  @Test
  void puttingAnExistingVersionIsAnErrorAndChangesNothing() throws Exception {
    put(yaml("dup-app", "v1"), Map.of());
    assertJson(
        "{\"result\":\"error\",\"message\":\"Manifest version v1 already exists\"}",
        put(yaml("dup-app", "v1").replace("test app", "changed"), Map.of()));
    JsonNode got = request(ModelOperation.GET, "dup-app", "");
    assertEquals("test app dup-app", got.at("/manifest/metadata/annotations/description").asText());
  }

  @Test
  void anInvalidManifestIsAnErrorListingEveryPathAndStoresNothing() throws Exception {
    put(yaml("bad-app", "v1"), Map.of());
    JsonNode reply = put(Fixtures.invalidYaml("bad-app"), Map.of());
    assertEquals(List.of("result", "message"), fields(reply));
    assertEquals("error", reply.get("result").asText());
    String message = reply.get("message").asText();
    assertTrue(message.startsWith("invalid manifest (4 error(s)):"), message);
    assertTrue(
        message.contains(
            "spec.components[0].traits[0].properties.spread[0].requirements: is required"),
        message);
    assertTrue(message.contains("spec.components[0].properties.image: 'ghcr.io//x'"), message);
    assertTrue(
        message.contains("spec.components[0].traits[0].properties.spread[0].weight: must be >= 0"),
        message);
    assertTrue(
        message.contains("spec.components[0].traits[1].type: unknown trait 'autoscaler'"), message);
    assertJson(
        "{\"result\":\"success\",\"message\":\"Successfully fetched versions for application"
            + " bad-app\",\"versions\":[{\"version\":\"v1\",\"deployed\":false}]}",
        request(ModelOperation.VERSIONS, "bad-app", ""));
    assertEquals("error", put("not: [valid", Map.of()).get("result").asText());
  }

  @Test
  void putRefusesUnknownContentTypesAndBodiesThatAreNotText() throws Exception {
    assertJson(
        "{\"result\":\"error\",\"message\":\"Unsupported content type text/plain given. Trellis"
            + " supports YAML (application/yaml) and JSON (application/json)\"}",
        put(yaml("ct-app", "v1"), Map.of("Content-Type", "text/plain")));
    Message reply =
        client.request(
            Subjects.schedulerApi(LATTICE, ModelOperation.PUT),
            new byte[] {(byte) 0xff, (byte) 0xfe, 0x41},
            Duration.ofSeconds(5));
    assertJson(
        "{\"result\":\"error\",\"message\":\"Unable to parse manifest: the body is not UTF-8"
            + " text\"}",
        json(reply));
  }

  @Test
  void getAnswersTheNewestOrTheAskedVersionOrNotFound() throws Exception {
    put(yaml("get-app", "v1"), Map.of());
    put(yaml("get-app", "v2"), Map.of());
    JsonNode newest = request(ModelOperation.GET, "get-app", "");
    assertEquals(List.of("result", "message", "manifest"), fields(newest));
    assertEquals("success", newest.get("result").asText());
    assertEquals("Successfully fetched application get-app", newest.get("message").asText());
    assertEquals(
        Fixtures.app("get-app", "v2"),
        Manifests.parse(newest.get("manifest").toString()).orThrow());
    JsonNode v1 = request(ModelOperation.GET, "get-app", "{\"version\":\"v1\"}");
    assertEquals("v1", v1.at("/manifest/metadata/annotations/version").asText());
    assertJson(
        "{\"result\":\"notfound\",\"message\":\"Application get-app with version v9 doesn't"
            + " exist\"}",
        request(ModelOperation.GET, "get-app", "{\"version\":\"v9\"}"));
    assertJson(
        "{\"result\":\"notfound\",\"message\":\"Application with the name ghost not found\"}",
        request(ModelOperation.GET, "ghost", ""));
  }

  @Test
  void listingSummarisesEveryApplicationInBothForms() throws Exception {
    put(yaml("list-app", "v1"), Map.of());
    put(yaml("list-app", "v2"), Map.of());
    request(ModelOperation.DEPLOY, "list-app", "{\"version\":\"v1\"}");
    JsonNode listing = request(ModelOperation.GET, null, "");
    assertEquals(List.of("result", "message", "models"), fields(listing));
    assertEquals("success", listing.get("result").asText());
    JsonNode summary = find(listing.get("models"), "list-app");
    assertEquals(
        List.of(
            "name",
            "version",
            "description",
            "deployed_version",
            "detailed_status",
            "status",
            "status_message"),
        fields(summary));
    assertEquals("v2", summary.get("version").asText());
    assertEquals("test app list-app", summary.get("description").asText());
    assertEquals("v1", summary.get("deployed_version").asText());
    assertEquals("waiting", summary.at("/detailed_status/status/type").asText());
    assertEquals("undeployed", summary.get("status").asText());

    JsonNode legacy = request(ModelOperation.LIST, null, "");
    assertTrue(legacy.isArray());
    assertEquals(summary, find(legacy, "list-app"));
  }

  @Test
  void deployAndUndeployAnswerAsWadmAndTellTheReconciler() throws Exception {
    put(yaml("dep-app", "v1"), Map.of());
    put(yaml("dep-app", "v2"), Map.of());
    assertJson(
        "{\"result\":\"notfound\",\"message\":\"Application with the name ghost not found\","
            + "\"name\":\"ghost\",\"version\":null}",
        request(ModelOperation.DEPLOY, "ghost", ""));
    assertJson(
        "{\"result\":\"error\",\"message\":\"Application with the name 'dep-app' does not have a"
            + " version 'v9' to deploy\",\"name\":\"dep-app\",\"version\":\"v9\"}",
        request(ModelOperation.DEPLOY, "dep-app", "{\"version\":\"v9\"}"));
    assertJson(
        "{\"result\":\"acknowledged\",\"message\":\"Successfully deployed application dep-app"
            + " v2\",\"name\":\"dep-app\",\"version\":\"v2\"}",
        request(ModelOperation.DEPLOY, "dep-app", "{\"version\":\"latest\"}"));
    assertTrue(listener.calls.contains("deployed dep-app v2"), listener.calls.toString());
    assertEquals("waiting", status("dep-app").at("/status/status/type").asText());

    assertJson(
        "{\"result\":\"acknowledged\",\"message\":\"Successfully undeployed application"
            + " dep-app\",\"name\":\"dep-app\",\"version\":null}",
        request(ModelOperation.UNDEPLOY, "dep-app", ""));
    assertTrue(listener.calls.contains("undeployed dep-app"), listener.calls.toString());
    assertJson(
        "{\"result\":\"ok\",\"message\":\"Successfully fetched status for application dep-app\","
            + "\"status\":{\"status\":{\"type\":\"undeployed\",\"message\":\"Manifest has been"
            + " undeployed\"},\"version\":\"\",\"components\":[]}}",
        status("dep-app"));
    assertEquals(
        "Application dep-app was already undeployed",
        request(ModelOperation.UNDEPLOY, "dep-app", "{}").get("message").asText());
  }

  @Test
  void deletingTheDeployedVersionUndeploysTheApplication() throws Exception {
    put(yaml("del-app", "v1"), Map.of());
    put(yaml("del-app", "v2"), Map.of());
    request(ModelOperation.DEPLOY, "del-app", "");
    assertJson(
        "{\"result\":\"deleted\",\"message\":\"Successfully deleted version v2 of application"
            + " del-app\",\"undeploy\":true}",
        request(ModelOperation.DEL, "del-app", "{\"version\":\"v2\"}"));
    assertTrue(listener.calls.contains("undeployed del-app"), listener.calls.toString());
    assertJson(
        "{\"result\":\"success\",\"message\":\"Successfully fetched versions for application"
            + " del-app\",\"versions\":[{\"version\":\"v1\",\"deployed\":false}]}",
        request(ModelOperation.VERSIONS, "del-app", ""));
    assertJson(
        "{\"result\":\"noop\",\"message\":\"Application version v2 doesn't exist\","
            + "\"undeploy\":false}",
        request(ModelOperation.DEL, "del-app", "{\"version\":\"v2\"}"));
    assertJson(
        "{\"result\":\"deleted\",\"message\":\"Successfully deleted application del-app\","
            + "\"undeploy\":true}",
        request(ModelOperation.DEL, "del-app", ""));
    assertJson(
        "{\"result\":\"noop\",\"message\":\"Application del-app doesn't exist or was already"
            + " deleted\",\"undeploy\":false}",
        request(ModelOperation.DEL, "del-app", ""));
    assertJson(
        "{\"result\":\"notfound\",\"message\":\"Application with the name del-app not found\"}",
        status("del-app"));
    assertJson(
        "{\"result\":\"notfound\",\"message\":\"Application with the name del-app not found\","
            + "\"versions\":[]}",
        request(ModelOperation.VERSIONS, "del-app", ""));
  }

  @Test
  void malformedRequestBodiesAreErrorsAndChangeNothing() throws Exception {
    put(yaml("mal-app", "v1"), Map.of());
    assertJson(
        "{\"result\":\"error\",\"message\":\"Unable to parse delete application request:"
            + " expected a JSON object, got ARRAY\"}",
        request(ModelOperation.DEL, "mal-app", "[1]"));
    assertJson(
        "{\"result\":\"error\",\"message\":\"Unable to parse deploy application request: field"
            + " 'version' must be a string or null, got NUMBER\"}",
        request(ModelOperation.DEPLOY, "mal-app", "{\"version\":5}"));
    String notJson = request(ModelOperation.GET, "mal-app", "{not json").get("message").asText();
    assertTrue(
        notJson.startsWith("Unable to parse get application request: not valid JSON:"), notJson);
    assertEquals(
        "error", request(ModelOperation.UNDEPLOY, "mal-app", "nope").get("result").asText());
    assertJson(
        "{\"result\":\"success\",\"message\":\"Successfully fetched versions for application"
            + " mal-app\",\"versions\":[{\"version\":\"v1\",\"deployed\":false}]}",
        request(ModelOperation.VERSIONS, "mal-app", ""));
  }

  @Test
  void subjectsWadmDoesNotServeAreErrors() throws Exception {
    String prefix = Subjects.schedulerApiPrefix(LATTICE);
    assertEquals(
        "Unsupported subject: " + prefix + ".frob",
        raw(prefix + ".frob", "").get("message").asText());
    assertEquals(
        "Unsupported subject: " + prefix + ".status",
        raw(prefix + ".status", "").get("message").asText());
    assertTrue(
        raw(prefix + ".history.app", "").get("message").asText().startsWith("Model deployment"));
    assertTrue(raw(prefix + ".get.a.b", "").get("message").asText().contains("extra components"));
  }

  @Test
  void twoReplicasInTheQueueGroupShareTheRequests() throws Exception {
    Set<String> answeredBy = new HashSet<>();
    for (int i = 0; i < 40 && answeredBy.size() < 2; i++) {
      Message reply =
          client.request(
              Subjects.schedulerApi(LATTICE, ModelOperation.GET),
              new byte[0],
              Duration.ofSeconds(5));
      assertNotNull(reply, "no reply within 5 s");
      answeredBy.add(reply.getHeaders().getFirst(SchedulerApiServer.SCHEDULER_ID_HEADER));
    }
    assertEquals(Set.of("sched-1", "sched-2"), answeredBy);
  }

  @Test
  void eventsAreCloudEventsWithoutManifestContents() throws Exception {
    Subscription events = client.subscribe(Subjects.allSchedulerEvents(LATTICE));
    client.flush(Duration.ofSeconds(2));
    put(yaml("evt-app", "v1"), Map.of());
    request(ModelOperation.DEPLOY, "evt-app", "");
    request(ModelOperation.UNDEPLOY, "evt-app", "");
    request(ModelOperation.DEL, "evt-app", "");
    List<JsonNode> received = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Message event = events.nextMessage(Duration.ofSeconds(5));
      assertNotNull(event, "event " + i + " missing");
      String text = new String(event.getData(), StandardCharsets.UTF_8);
      assertFalse(text.contains(Fixtures.CONFIG_SECRET), text);
      assertFalse(text.contains(Fixtures.SECRET_KEY), text);
      received.add(json(event));
    }
    events.unsubscribe();
    assertEquals(
        List.of(
            "dev.trellis.scheduler.manifest_published",
            "dev.trellis.scheduler.app_deployed",
            "dev.trellis.scheduler.app_undeployed",
            "dev.trellis.scheduler.manifest_unpublished"),
        received.stream().map(e -> e.get("type").asText()).toList());
    JsonNode published = received.getFirst();
    assertEquals(
        List.of("specversion", "id", "source", "type", "time", "datacontenttype", "data"),
        fields(published));
    assertEquals("1.0", published.get("specversion").asText());
    assertTrue(published.get("id").asText().startsWith("evt-"));
    assertTrue(Set.of("sched-1", "sched-2").contains(published.get("source").asText()));
    assertEquals("2025-01-02T03:04:05Z", published.get("time").asText());
    assertEquals("application/json", published.get("datacontenttype").asText());
    assertJson(
        "{\"lattice\":\"apitest\",\"name\":\"evt-app\",\"version\":\"v1\"}", published.get("data"));
    assertJson(
        "{\"lattice\":\"apitest\",\"name\":\"evt-app\",\"versions\":[\"v1\"],"
            + "\"removed_application\":true}",
        received.getLast().get("data"));
  }

  @Test
  void statusesTheReconcilerReportsAreServedAndPublished() throws Exception {
    put(yaml("stat-app", "v1"), Map.of());
    request(ModelOperation.DEPLOY, "stat-app", "");
    Subscription updates = client.subscribe(Subjects.appStatus(LATTICE, "stat-app"));
    client.flush(Duration.ofSeconds(2));
    StatusSink sink = statuses;
    sink.update(
        "stat-app",
        AppStatus.of(
            List.of(
                new ScalerStatus("s1", "SpreadScaler", "api", StatusType.DEPLOYED, ""),
                new ScalerStatus("s2", "SpreadScaler", "web", StatusType.FAILED, "no host"))));
    Message published = updates.nextMessage(Duration.ofSeconds(5));
    assertNotNull(published);
    assertEquals("failed", json(published).at("/status/type").asText());
    JsonNode reply = status("stat-app");
    assertEquals(List.of("result", "message", "status"), fields(reply));
    assertEquals(json(published), reply.get("status"));
    assertEquals("no host", reply.at("/status/status/message").asText());
    assertEquals(2, reply.at("/status/scalers").size());
  }

  @Test
  void aReconcilerThatCannotBeToldMakesTheRequestAnErrorButKeepsTheChange() throws Exception {
    put(yaml("fail-app", "v1"), Map.of());
    listener.failNext.set(true);
    JsonNode reply = request(ModelOperation.DEPLOY, "fail-app", "");
    assertEquals("error", reply.get("result").asText());
    assertTrue(
        reply
            .get("message")
            .asText()
            .startsWith(
                "Error notifying the reconciler about application" + " fail-app (reconciler down)"),
        reply.toString());
    assertEquals(
        "true",
        request(ModelOperation.VERSIONS, "fail-app", "").at("/versions/0/deployed").asText());
  }

  private static JsonNode put(String manifest, Map<String, String> headers) throws Exception {
    Headers h = new Headers();
    headers.forEach(h::put);
    Message reply =
        client.request(
            NatsMessage.builder()
                .subject(Subjects.schedulerApi(LATTICE, ModelOperation.PUT))
                .headers(h)
                .data(manifest.getBytes(StandardCharsets.UTF_8))
                .build(),
            Duration.ofSeconds(5));
    assertNotNull(reply, "no reply to put within 5 s");
    return json(reply);
  }

  private static JsonNode request(ModelOperation op, String name, String body) throws Exception {
    String subject =
        name == null
            ? Subjects.schedulerApi(LATTICE, op)
            : Subjects.schedulerApi(LATTICE, op, name);
    return raw(subject, body);
  }

  private static JsonNode status(String name) throws Exception {
    return request(ModelOperation.STATUS, name, "");
  }

  private static JsonNode raw(String subject, String body) throws Exception {
    Message reply =
        client.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
    assertNotNull(reply, "no reply on " + subject + " within 5 s");
    return json(reply);
  }

  private static JsonNode json(Message message) {
    return ApiJson.parse(message.getData());
  }

  /** Equal as JSON, with the same fields in the same order as wadm's serde writes them. */
  private static void assertJson(String expected, JsonNode actual) {
    JsonNode wanted = ApiJson.parse(expected.getBytes(StandardCharsets.UTF_8));
    assertEquals(wanted, actual);
    assertEquals(wanted.toString(), actual.toString());
  }

  private static List<String> fields(JsonNode node) {
    return node.propertyStream().map(Map.Entry::getKey).toList();
  }

  private static JsonNode find(JsonNode models, String name) {
    return models
        .valueStream()
        .filter(m -> m.get("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not listed in " + models));
  }

  /** Records what the reconciler would be told; can be made to fail once. */
  private static final class RecordingListener implements DeploymentListener {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicBoolean failNext = new AtomicBoolean();

    @Override
    public void deployed(Application application) {
      failIfAsked();
      calls.add("deployed " + application.name() + " " + application.version());
    }

    @Override
    public void undeployed(String app) {
      failIfAsked();
      calls.add("undeployed " + app);
    }

    private void failIfAsked() {
      if (failNext.getAndSet(false)) {
        throw new IllegalStateException("reconciler down");
      }
    }
  }
}
