package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.Subjects.HostOperation;
import dev.trellis.proto.Subjects.ModelOperation;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadStartResponse;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.wrpc.codec.HandleTable;
import dev.trellis.wrpc.codec.WrpcCodec;
import dev.trellis.wrpc.codec.WrpcCodecOptions;
import dev.trellis.wrpc.nats.InvokeOptions;
import dev.trellis.wrpc.nats.WrpcClient;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.nats.WrpcHeaders;
import dev.trellis.wrpc.nats.WrpcTransportConfig;
import dev.trellis.wrpc.provider.builtin.BlobstoreWit;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bad-input suite: a {@code trellis host}, a {@code trellis scheduler} and a {@code trellis
 * provider blobstore-fs}, each its own process on one real nats-server, get seeded corpora of
 * damaged inputs — mutated component binaries as workload images, mutated manifests, malformed Host
 * API requests and malformed wRPC frames. Each input must get a clear error (or, when the damage
 * left it valid, a normal answer), every process must stay up and keep serving correct requests,
 * and stored state must stay as it was. A summary table of the corpora is logged at the end.
 */
class BadInputIT {
  private static final Logger LOG = LoggerFactory.getLogger(BadInputIT.class);
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Duration REPLY = Duration.ofSeconds(15);
  private static final String HOST_ID = "it-bad-host";
  private static final String LATTICE = "default";
  private static final String BLOB_PREFIX = "it.bad";
  private static final Path EXAMPLES = WorkloadLatticeIT.EXAMPLES;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> ENV = Map.of("JAVA_TOOL_OPTIONS", "-Xmx384m");

  @TempDir static Path dir;
  private static NatsServer nats;
  private static Connection client;
  private static CliProcess host;
  private static CliProcess scheduler;
  private static CliProcess provider;
  private static int httpPort;
  private static final Map<String, Tally> TALLIES = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    nats = NatsServer.startLocal(dir.resolve("nats"));
    client = NatsConnector.connect(NatsClientConfig.of(nats.clientUrl(), "bad-input-it"));
    httpPort = NatsServer.freePort();
    host =
        CliProcess.start(
            dir.resolve("host"),
            ENV,
            "host",
            "--nats",
            nats.clientUrl(),
            "--host-id",
            HOST_ID,
            "--http-port",
            Integer.toString(httpPort),
            "--heartbeat-interval",
            "1s",
            "--image-cache-dir",
            dir.resolve("host-cache").toString());
    scheduler =
        CliProcess.start(
            dir.resolve("scheduler"),
            ENV,
            "scheduler",
            "--nats",
            nats.clientUrl(),
            "--lattice",
            LATTICE,
            "--scheduler-id",
            "it-bad-scheduler");
    provider =
        CliProcess.start(
            dir.resolve("provider"),
            ENV,
            "provider",
            "blobstore-fs",
            "--root",
            Files.createDirectories(dir.resolve("blobs")).toString(),
            "--nats",
            nats.clientUrl(),
            "--prefix",
            BLOB_PREFIX);
    host.awaitOutput("Host " + HOST_ID, STARTUP);
    scheduler.awaitOutput("Scheduler it-bad-scheduler serving", STARTUP);
    provider.awaitOutput("serving wrpc:blobstore/blobstore@0.2.0", STARTUP);
  }

  @AfterAll
  static void stop() {
    LOG.info("bad_input_summary\n{}", Tally.table(TALLIES.values()));
    for (CliProcess p : new CliProcess[] {provider, scheduler, host}) {
      if (p != null) {
        p.close();
      }
    }
    NatsConnector.closeQuietly(client);
    if (nats != null) {
      nats.close();
    }
  }

  private static Tally tally(String corpus) {
    Tally t = new Tally(corpus);
    TALLIES.put(corpus, t);
    return t;
  }

  private static void assertClean(Tally tally, CliProcess process) {
    if (!process.handle().isAlive()) {
      tally.crashed("process exited; stderr:\n" + process.stderr());
    }
    assertEquals(0, tally.bad(), () -> String.join("\n", tally.failures()));
  }

  // ---- malformed components ----

  @Test
  void malformedComponentsAreRefusedNamingWhereTheyBreakAndTheHostKeepsServing() throws Exception {
    Tally tally = tally("components");
    Mutator mutator = new Mutator(0x7e11_15L);
    List<String> fixtures =
        List.of("http-hello", "adder", "composed", "strings", "http-echo", "counter");
    Map<String, byte[]> originals = new LinkedHashMap<>();
    for (String f : fixtures) {
      originals.put(f, Files.readAllBytes(EXAMPLES.resolve(f + ".wasm")));
    }
    Path corpus = Files.createDirectories(dir.resolve("components"));
    int located = 0;
    for (int i = 0; i < 240; i++) {
      String fixture = fixtures.get(i % fixtures.size());
      Mutator.Mutation m = mutator.binary(originals.get(fixture));
      Path file = corpus.resolve(i + "-" + fixture + ".wasm");
      Files.write(file, m.bytes());
      String id = "bad-component-" + i;
      String input = fixture + " " + m.description();
      WorkloadStartRequest request =
          WorkloadLatticeIT.request(
              id,
              dev.trellis.proto.v2.Component.newBuilder()
                  .setName("c")
                  .setImage("file://" + file)
                  .setLocalResources(LocalResources.newBuilder().putConfig("path", "/fuzz/" + i)));
      Optional<byte[]> reply = hostCall(HostOperation.WORKLOAD_START, ProtoJson.encode(request));
      if (reply.isEmpty()) {
        tally.unanswered(input);
        continue;
      }
      WorkloadStatus status =
          ProtoJson.decode(reply.get(), WorkloadStartResponse.getDefaultInstance())
              .getWorkloadStatus();
      switch (status.getWorkloadState()) {
        case WORKLOAD_STATE_RUNNING -> tally.accepted();
        case WORKLOAD_STATE_ERROR -> {
          String message = status.getMessage();
          boolean namesComponent = message.contains("component 'c'");
          tally.refused(input, message, namesComponent);
          if (message.contains("at offset 0x")) {
            located++;
          }
        }
        default ->
            tally.refused(input, status.getWorkloadState() + " " + status.getMessage(), false);
      }
      hostCall(HostOperation.WORKLOAD_STOP, stopRequest(id));
    }
    assertClean(tally, host);
    assertTrue(
        tally.clear() >= tally.sent() / 2,
        "most damaged binaries are refused: " + tally.clear() + " of " + tally.sent());
    assertTrue(located >= tally.clear() / 3, "decode errors name an offset: " + located);

    WorkloadStatus good =
        startWorkload(
            WorkloadLatticeIT.request(
                "good-after-components",
                WorkloadLatticeIT.component("hello", "http-hello")
                    .setLocalResources(LocalResources.newBuilder().putConfig("path", "/good"))));
    assertEquals(WorkloadState.WORKLOAD_STATE_RUNNING, good.getWorkloadState(), good.getMessage());
    HttpResponse<String> hello = get("/good");
    assertEquals(200, hello.statusCode());
    assertEquals("Hello from Trellis!\n", hello.body());
    stopWorkload("good-after-components");
  }

  // ---- malformed Host API messages ----

  @Test
  void malformedHostApiRequestsGetClearErrorRepliesAndTheHostKeepsServing() throws Exception {
    Tally tally = tally("host-api");
    Mutator mutator = new Mutator(0x405_7A91L);
    List<HostApiCorpus.Case> cases = HostApiCorpus.cases(mutator);
    for (HostApiCorpus.Case c : cases) {
      Optional<byte[]> reply = hostCall(c.operation(), c.payload());
      if (reply.isEmpty()) {
        tally.unanswered(c.description());
        continue;
      }
      WorkloadStatus status = HostApiCorpus.statusOf(c.operation(), reply.get());
      switch (status.getWorkloadState()) {
        case WORKLOAD_STATE_ERROR, WORKLOAD_STATE_NOT_FOUND ->
            tally.refused(c.description(), status.getMessage(), true);
        case WORKLOAD_STATE_RUNNING, WORKLOAD_STATE_STOPPING -> {
          tally.accepted();
          hostCall(HostOperation.WORKLOAD_STOP, stopRequest(status.getWorkloadId()));
        }
        default ->
            tally.refused(
                c.description(), status.getWorkloadState() + " " + status.getMessage(), false);
      }
    }
    assertClean(tally, host);
    assertTrue(
        tally.clear() >= tally.sent() / 2,
        "most malformed requests are refused: " + tally.clear() + " of " + tally.sent());

    WorkloadStatus good =
        startWorkload(
            WorkloadLatticeIT.request(
                "good-after-api",
                WorkloadLatticeIT.component("calc", "calc"),
                WorkloadLatticeIT.component("adder", "adder")));
    assertEquals(WorkloadState.WORKLOAD_STATE_RUNNING, good.getWorkloadState(), good.getMessage());
    assertEquals(
        WorkloadState.WORKLOAD_STATE_RUNNING, workloadStatus("good-after-api").getWorkloadState());
    stopWorkload("good-after-api");
  }

  // ---- malformed manifests ----

  private static final String KEEPER =
      """
      apiVersion: core.oam.dev/v1beta1
      kind: Application
      metadata:
        name: keeper
        annotations:
          version: v1.0.0
          description: Counts requests in a NATS KV bucket
      spec:
        components:
          - name: counter
            type: component
            properties:
              image: ghcr.io/acme/components/http-keyvalue-counter:0.2.0
              config:
                - name: counter-settings
                  properties:
                    step: "1"
            traits:
              - type: spreadscaler
                properties:
                  instances: 3
                  spread:
                    - name: eu
                      requirements:
                        region: eu-west
                      weight: 75
                    - name: us
                      requirements:
                        region: us-east
                      weight: 25
              - type: link
                properties:
                  target:
                    name: kvnats
                    config:
                      - name: counter-bucket
                        properties:
                          bucket: counters
                  namespace: wasi
                  package: keyvalue
                  interfaces: [store, atomics]
          - name: kvnats
            type: capability
            properties:
              image: ghcr.io/wasmcloud/keyvalue-nats:0.3.1
            traits:
              - type: spreadscaler
                properties:
                  instances: 1
      """;

  @Test
  void malformedManifestsAreRejectedNamingThePathAndStoredAppsStayIntact() throws Exception {
    JsonNode stored = schedulerCall(ModelOperation.PUT, Optional.empty(), bytes(KEEPER));
    assertEquals("created", stored.path("result").asText(), stored.toString());
    JsonNode before = schedulerCall(ModelOperation.GET, Optional.of("keeper"), new byte[0]);
    assertEquals("success", before.path("result").asText(), before.toString());

    Tally tally = tally("manifests");
    Mutator mutator = new Mutator(0x0A_F00DL);
    String json =
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new YAMLMapper().readTree(KEEPER));
    List<String> storedVersions = new ArrayList<>(List.of("v1.0.0"));
    List<Mutator.Mutation> corpus = new ArrayList<>();
    for (int i = 0; i < 160; i++) {
      corpus.add(mutator.text(KEEPER));
    }
    for (int i = 0; i < 50; i++) {
      Mutator.Mutation m = mutator.text(json);
      corpus.add(new Mutator.Mutation("JSON: " + m.description(), m.bytes()));
    }
    for (int i = 0; i < 10; i++) {
      Mutator.Mutation m = mutator.binary(bytes(KEEPER));
      corpus.add(new Mutator.Mutation("bytes: " + m.description(), m.bytes()));
    }
    corpus.addAll(specialManifests());
    for (Mutator.Mutation m : corpus) {
      Optional<JsonNode> reply = schedulerRequest(ModelOperation.PUT, Optional.empty(), m.bytes());
      if (reply.isEmpty()) {
        tally.unanswered(m.description());
        continue;
      }
      String result = reply.get().path("result").asText();
      String message = reply.get().path("message").asText();
      if (result.equals("error")) {
        boolean names =
            message.startsWith("invalid manifest (")
                || message.startsWith("Manifest version ")
                || message.startsWith("Unable to parse manifest: ");
        tally.refused(
            m.description() + "\n" + abbreviate(new String(m.bytes(), StandardCharsets.UTF_8)),
            message,
            names);
      } else {
        tally.accepted();
        if (reply.get().path("name").asText().equals("keeper")) {
          storedVersions.add(reply.get().path("current_version").asText());
        }
      }
    }
    assertClean(tally, scheduler);
    assertTrue(
        tally.clear() >= tally.sent() / 2,
        "most damaged manifests are refused: " + tally.clear() + " of " + tally.sent());

    JsonNode after =
        schedulerCall(ModelOperation.GET, Optional.of("keeper"), bytes("{\"version\":\"v1.0.0\"}"));
    assertEquals(before.path("manifest"), after.path("manifest"), "keeper v1.0.0 unchanged");
    JsonNode versions = schedulerCall(ModelOperation.VERSIONS, Optional.of("keeper"), new byte[0]);
    List<String> listed = new ArrayList<>();
    versions.path("versions").forEach(v -> listed.add(v.path("version").asText()));
    assertEquals(
        storedVersions.stream().sorted().toList(),
        listed.stream().sorted().toList(),
        "exactly the versions the scheduler acknowledged are stored: " + versions);
    JsonNode list = schedulerCall(ModelOperation.LIST, Optional.empty(), new byte[0]);
    assertTrue(list.toString().contains("\"keeper\""), list.toString());
  }

  private static List<Mutator.Mutation> specialManifests() {
    List<Mutator.Mutation> out = new ArrayList<>();
    String laughs =
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
            + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
            + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
            + "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
    out.add(new Mutator.Mutation("YAML alias expansion (billion laughs)", bytes(laughs)));
    out.add(new Mutator.Mutation("YAML nested 50000 deep", bytes("[".repeat(50_000))));
    out.add(new Mutator.Mutation("JSON nested 50000 deep", bytes("{\"a\":".repeat(50_000))));
    out.add(new Mutator.Mutation("empty body", new byte[0]));
    out.add(new Mutator.Mutation("not UTF-8", new byte[] {(byte) 0xff, (byte) 0xfe, 'a'}));
    out.add(new Mutator.Mutation("two documents", bytes(KEEPER + "\n---\n" + KEEPER)));
    out.add(
        new Mutator.Mutation(
            "description of 500000 characters",
            bytes(KEEPER.replace("Counts requests in a NATS KV bucket", "y".repeat(500_000)))));
    out.add(
        new Mutator.Mutation(
            "a tag naming a Java class",
            bytes("!!javax.script.ScriptEngineManager [!!java.net.URL [\"http://127.0.0.1/\"]]")));
    return out;
  }

  // ---- malformed wRPC frames ----

  @Test
  void malformedWrpcFramesGetErrorsAndTheProviderKeepsServing() throws Exception {
    WrpcClient wrpc =
        WrpcClient.create(
            client,
            WrpcTransportConfig.of(BLOB_PREFIX)
                .withCodec(
                    WrpcCodec.create(WrpcCodecOptions.defaults(), HandleTable.withRandomIds())));
    assertOk(call(wrpc, BlobstoreWit.CREATE_CONTAINER, WitValue.string("keep")));
    long pid = provider.handle().pid();
    int threadsBefore = threads(pid);

    Tally tally = tally("wrpc-frames");
    Mutator mutator = new Mutator(0x3_2F_C0DEL);
    WrpcCodec codec = WrpcCodec.create();
    List<WrpcFunction> targets =
        List.of(
            BlobstoreWit.CONTAINER_EXISTS,
            BlobstoreWit.GET_CONTAINER_INFO,
            BlobstoreWit.HAS_OBJECT,
            BlobstoreWit.GET_OBJECT_INFO,
            BlobstoreWit.LIST_CONTAINER_OBJECTS,
            BlobstoreWit.WRITE_CONTAINER_DATA);
    WitValue id =
        WitValue.record(
            WitValue.field("container", WitValue.string("keep")),
            WitValue.field("object", WitValue.string("a/b.txt")));
    Map<WrpcFunction, byte[]> valid = new LinkedHashMap<>();
    valid.put(
        BlobstoreWit.CONTAINER_EXISTS,
        encode(codec, BlobstoreWit.CONTAINER_EXISTS, WitValue.string("keep")));
    valid.put(
        BlobstoreWit.GET_CONTAINER_INFO,
        encode(codec, BlobstoreWit.GET_CONTAINER_INFO, WitValue.string("keep")));
    valid.put(BlobstoreWit.HAS_OBJECT, encode(codec, BlobstoreWit.HAS_OBJECT, id));
    valid.put(BlobstoreWit.GET_OBJECT_INFO, encode(codec, BlobstoreWit.GET_OBJECT_INFO, id));
    valid.put(
        BlobstoreWit.LIST_CONTAINER_OBJECTS,
        encode(
            codec,
            BlobstoreWit.LIST_CONTAINER_OBJECTS,
            WitValue.string("keep"),
            WitValue.some(WitValue.u64(0)),
            WitValue.none()));
    valid.put(
        BlobstoreWit.WRITE_CONTAINER_DATA,
        encode(codec, BlobstoreWit.WRITE_CONTAINER_DATA, id, WitValue.StreamValue.pending()));
    for (int i = 0; i < 300; i++) {
      WrpcFunction f = targets.get(i % targets.size());
      byte[] good = valid.get(f);
      String subject = f.subject(BLOB_PREFIX);
      String input;
      byte[] first;
      List<Map.Entry<String, byte[]>> extra = new ArrayList<>();
      switch (mutator.nextInt(6)) {
        case 0 -> {
          first = mutator.noise(1 + mutator.nextInt(48));
          input = f.name() + " random params";
        }
        case 1 -> {
          Mutator.Mutation m = mutator.binary(good.length > 8 ? good : padded(good));
          first = m.bytes();
          input = f.name() + " params " + m.description();
        }
        case 2 -> {
          WrpcFunction other = targets.get(mutator.nextInt(targets.size()));
          first = valid.get(other);
          input = f.name() + " given the params of " + other.name();
        }
        case 3 -> {
          first = concat(good, mutator.noise(1 + mutator.nextInt(8)));
          input = f.name() + " params with trailing bytes";
        }
        case 4 -> {
          // a string whose length prefix promises 4 GiB
          first = new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 'k'};
          input = f.name() + " string of claimed length 0xffffffff";
        }
        default -> {
          first = good;
          String path =
              List.of(
                      "params.9",
                      "params.0.0.0.0",
                      "params.x",
                      "params.",
                      "params.1",
                      "credit.results.0")
                  .get(mutator.nextInt(6));
          extra.add(Map.entry(path, mutator.noise(1 + mutator.nextInt(64))));
          input = f.name() + " valid params with garbage on R_s." + path;
        }
      }
      RawOutcome outcome = rawInvoke(subject, first, extra);
      switch (outcome) {
        case RawOutcome.NoReply none -> tally.unanswered(input + " (" + none.stage() + ")");
        case RawOutcome.Failed failed ->
            tally.refused(
                input,
                failed.error(),
                failed.error().contains(" at byte ") || failed.error().contains("params"));
        case RawOutcome.Answered answered -> tally.accepted();
      }
    }
    assertClean(tally, provider);
    assertTrue(
        tally.clear() >= tally.sent() / 2,
        "most malformed frames are refused: " + tally.clear() + " of " + tally.sent());

    assertOk(call(wrpc, BlobstoreWit.CONTAINER_EXISTS, WitValue.string("keep")));
    assertOk(call(wrpc, BlobstoreWit.CREATE_CONTAINER, WitValue.string("after")));
    // idle timeouts of accepted streams may still be running; platform threads must not pile up
    Await.until(
        "provider platform threads back near " + threadsBefore + " (now " + threads(pid) + ")",
        Duration.ofSeconds(30),
        () -> threads(pid) <= threadsBefore + 8);
    assertTrue(provider.handle().isAlive(), provider.stderr());
  }

  private sealed interface RawOutcome {
    record NoReply(String stage) implements RawOutcome {}

    record Failed(String error) implements RawOutcome {}

    record Answered(byte[] results) implements RawOutcome {}
  }

  /**
   * One invocation as a raw wRPC client performs it: publish the first params chunk with reply-to
   * {@code R_c}, wait for the handshake naming {@code R_s}, send {@code extra} messages under
   * {@code R_s}, end the params, and read {@code R_c.results} up to its end.
   */
  private static RawOutcome rawInvoke(
      String subject, byte[] first, List<Map.Entry<String, byte[]>> extra) throws Exception {
    String rc = client.createInbox();
    Subscription direct = client.subscribe(rc);
    Subscription under = client.subscribe(rc + ".>");
    try {
      client.flush(REPLY);
      client.publish(subject, rc, first);
      Message handshake = direct.nextMessage(REPLY);
      if (handshake == null || handshake.getReplyTo() == null) {
        return new RawOutcome.NoReply("handshake");
      }
      String rs = handshake.getReplyTo();
      for (Map.Entry<String, byte[]> e : extra) {
        client.publish(rs + "." + e.getKey(), e.getValue());
      }
      client.publish(rs + ".params", new byte[0]);
      ByteArrayOutputStream results = new ByteArrayOutputStream();
      long deadline = System.nanoTime() + REPLY.toNanos();
      while (System.nanoTime() < deadline) {
        Message m = under.nextMessage(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        if (m == null) {
          break;
        }
        if (!m.getSubject().equals(rc + ".results")) {
          continue;
        }
        byte[] data = m.getData();
        if (data == null || data.length == 0) {
          Optional<String> error =
              Optional.ofNullable(m.getHeaders()).map(h -> h.getFirst(WrpcHeaders.TRELLIS_ERROR));
          return error
              .<RawOutcome>map(RawOutcome.Failed::new)
              .orElseGet(
                  () ->
                      results.size() == 0
                          ? new RawOutcome.Failed("")
                          : new RawOutcome.Answered(results.toByteArray()));
        }
        results.write(data);
      }
      return new RawOutcome.NoReply("results");
    } finally {
      direct.unsubscribe();
      under.unsubscribe();
    }
  }

  // ---- helpers ----

  private static Optional<byte[]> hostCall(HostOperation op, byte[] payload) throws Exception {
    Message reply = client.request(Subjects.hostApi(HOST_ID, op), payload, REPLY);
    return Optional.ofNullable(reply).map(Message::getData);
  }

  private static WorkloadStatus startWorkload(WorkloadStartRequest request) throws Exception {
    return HostApiCorpus.statusOf(
        HostOperation.WORKLOAD_START,
        hostCall(HostOperation.WORKLOAD_START, ProtoJson.encode(request)).orElseThrow());
  }

  private static WorkloadStatus workloadStatus(String id) throws Exception {
    return HostApiCorpus.statusOf(
        HostOperation.WORKLOAD_STATUS,
        hostCall(
                HostOperation.WORKLOAD_STATUS,
                ProtoJson.encode(
                    dev.trellis.proto.v2.WorkloadStatusRequest.newBuilder()
                        .setWorkloadId(id)
                        .build()))
            .orElseThrow());
  }

  private static void stopWorkload(String id) throws Exception {
    hostCall(HostOperation.WORKLOAD_STOP, stopRequest(id)).orElseThrow();
  }

  private static byte[] stopRequest(String id) {
    return ProtoJson.encode(
        dev.trellis.proto.v2.WorkloadStopRequest.newBuilder().setWorkloadId(id).build());
  }

  private static Optional<JsonNode> schedulerRequest(
      ModelOperation op, Optional<String> app, byte[] body) throws Exception {
    String subject =
        app.map(a -> Subjects.schedulerApi(LATTICE, op, a))
            .orElseGet(() -> Subjects.schedulerApi(LATTICE, op));
    Message reply = client.request(subject, body, REPLY);
    if (reply == null) {
      return Optional.empty();
    }
    return Optional.of(JSON.readTree(reply.getData()));
  }

  private static JsonNode schedulerCall(ModelOperation op, Optional<String> app, byte[] body)
      throws Exception {
    return schedulerRequest(op, app, body)
        .orElseThrow(() -> new AssertionError("no reply from the scheduler to " + op));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
              .timeout(REPLY)
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static WitValue call(WrpcClient wrpc, WrpcFunction f, WitValue... params) {
    return wrpc.invoke(f, List.of(params), InvokeOptions.defaults().withTimeout(REPLY))
        .values()
        .get(0);
  }

  private static void assertOk(WitValue result) {
    assertTrue(result instanceof WitValue.ResultValue r && r.isOk(), "expected ok, got " + result);
  }

  private static byte[] encode(WrpcCodec codec, WrpcFunction f, WitValue... values) {
    return codec.encode(f.params(), List.of(values)).toByteArray();
  }

  /** Thread count of a process, from /proc (platform threads only; virtual threads are not). */
  private static int threads(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
          .filter(l -> l.startsWith("Threads:"))
          .mapToInt(l -> Integer.parseInt(l.substring(8).strip()))
          .findFirst()
          .orElse(-1);
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private static byte[] padded(byte[] b) {
    return concat(b, new byte[8]);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String abbreviate(String text) {
    return text.length() > 120 ? text.substring(0, 120) + "...(" + text.length() + " chars)" : text;
  }
}
