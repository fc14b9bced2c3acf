package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsServer;
import dev.trellis.proto.Subjects;
import dev.trellis.scheduler.api.ApiResponse.DeployResult;
import dev.trellis.scheduler.api.ApiResponse.StatusResult;
import dev.trellis.scheduler.api.SchedulerClient;
import dev.trellis.scheduler.api.StatusType;
import dev.trellis.wrpc.nats.InvokeOptions;
import dev.trellis.wrpc.nats.WrpcClient;
import dev.trellis.wrpc.nats.WrpcTransportConfig;
import dev.trellis.wrpc.provider.builtin.BlobstoreWit;
import dev.trellis.wrpc.wit.WitValue;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.KeyValueEntry;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault suite: a lattice of real processes ({@link FaultLattice}) runs the hello HTTP app, one
 * instance pinned to each of three hosts, under continuous HTTP load on every host and wRPC load on
 * a blobstore provider, while faults are injected one after another — kill -9 a host, a NATS node,
 * the scheduler replica holding the app's lease, each restarted; then a host partitioned. After
 * each the app must be {@code deployed} again with exactly one instance per host, the stored
 * manifests and versions must be unchanged, instance counts must never have exceeded desired +
 * surge, and calls may fail only inside the fault window (injection to recovery plus a margin). The
 * suite prints a table of what it did and saw, also written to {@code target/fault-suite.txt}.
 */
class LatticeFaultIT {
  private static final Logger LOG = LoggerFactory.getLogger(LatticeFaultIT.class);
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  private static final String HELLO_APP = "hello";
  private static final String COMPUTE_APP = "compute";

  /** Desired + surge (trellis.dev/max-surge defaults to 25 % of the instances, at least 1). */
  private static final int HELLO_LIMIT = 3 + 1;

  private static final int COMPUTE_LIMIT = 2 + 1;
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration RECOVERY = Duration.ofSeconds(90);
  private static final Duration NOTICE = Duration.ofSeconds(30);

  /** Calls that fail this long after recovery still count as inside the fault window. */
  private static final Duration MARGIN = Duration.ofSeconds(3);

  @TempDir Path dir;

  private FaultLattice lattice;
  private Connection client;
  private SchedulerClient scheduler;
  private InstanceSampler instances;

  @Test
  void theLatticeRecoversFromEveryFaultWithinItsWindow() throws Exception {
    FaultTable table = new FaultTable();
    try (FaultLattice started = FaultLattice.start(dir)) {
      run(started, table);
    } finally {
      String rendered = table.render();
      System.out.println(
          System.lineSeparator() + "Fault suite" + System.lineSeparator() + rendered);
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", "fault-suite.txt"), rendered, StandardCharsets.UTF_8);
    }
    assertTrue(table.allPassed(), "fault suite rows failed:\n" + table.render());
  }

  /** Deploys the apps, starts the load and injects the faults one after another. */
  private void run(FaultLattice started, FaultTable table) throws Exception {
    lattice = started;
    client = NatsConnector.connect(NatsClientConfig.of(lattice.natsUrls(), "fault-it"));
    scheduler = new SchedulerClient(client, FaultLattice.LATTICE, CALL_TIMEOUT);
    Connection wrpcConnection = null;
    try (InstanceSampler sampler = new InstanceSampler(client, lattice)) {
      instances = sampler;
      deploy();
      String before = manifests();
      int nodeToKill = manifestLeader();
      wrpcConnection = connectFirstTo(nodeToKill);
      WrpcClient wrpc =
          WrpcClient.create(wrpcConnection, WrpcTransportConfig.of(FaultLattice.BLOB_PREFIX));
      assertTrue(
          ok(
              wrpc.invoke(BlobstoreWit.CREATE_CONTAINER, List.of(WitValue.string("fault")), opts())
                  .values()
                  .get(0)),
          "the blobstore provider creates a container");
      try (HttpClient http =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(Duration.ofSeconds(2))
                  .build();
          LoadRecorder load = new LoadRecorder(Duration.ofMillis(25))) {
        for (String host : FaultLattice.HOSTS) {
          URI uri = URI.create("http://127.0.0.1:" + lattice.httpPort(host) + "/");
          load.loop("http-" + host, () -> hello(http, uri));
        }
        load.loop("wrpc", () -> containerExists(wrpc));
        Faults faults = new Faults(load, table, before);
        faults.baseline();
        faults.killHost();
        faults.killNats(nodeToKill);
        faults.killLeaseHolder();
        faults.partition();
      }
    } finally {
      if (wrpcConnection != null) {
        NatsConnector.closeQuietly(wrpcConnection);
      }
      NatsConnector.closeQuietly(client);
    }
  }

  /** The faults in order, each producing one row. */
  private final class Faults {
    private final LoadRecorder load;
    private final FaultTable table;
    private final String manifestsBefore;

    Faults(LoadRecorder load, FaultTable table, String manifestsBefore) {
      this.load = load;
      this.table = table;
      this.manifestsBefore = manifestsBefore;
    }

    void baseline() {
      long from = System.nanoTime();
      observe(Duration.ofSeconds(5));
      row("none (baseline, 5 s of load)", from, from, "every host serving", List.of());
    }

    /**
     * Kills a host running a compute instance (not host c, which the partition needs): its hello
     * instance is pinned to its zone and waits for it; its compute instance moves to a free host.
     */
    void killHost() {
      String host =
          instances.perHost().entrySet().stream()
              .filter(
                  e -> e.getValue().compute() > 0 && !e.getKey().equals(FaultLattice.PARTITIONED))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no compute instance on host a or b"));
      long inject = System.nanoTime();
      List<String> problems = new ArrayList<>();
      StringBuilder note = new StringBuilder("killed " + host + "; ");
      lattice.kill(host);
      noticed(note, problems);
      try {
        Duration moved =
            Await.until(
                "compute running twice on the surviving hosts",
                NOTICE,
                () -> deployed(COMPUTE_APP) && instances.total().compute() == 2);
        note.append("; compute healed onto the others after ").append(seconds(moved));
      } catch (AssertionError e) {
        problems.add(e.getMessage());
      }
      lattice.launchHost(host);
      lattice.awaitHost(host);
      note.append("; restarted after ").append(secondsSince(inject));
      long recovered = recover(problems, "http-" + host, System.nanoTime());
      row("kill -9 " + shortName(host) + ", restart", inject, recovered, note.toString(), problems);
    }

    void killNats(int index) {
      NatsServer node = lattice.nats().get(index);
      long inject = System.nanoTime();
      List<String> problems = new ArrayList<>();
      lattice.killNats(index);
      observe(Duration.ofSeconds(3));
      lattice.restartNats(index);
      String note =
          "killed "
              + node.config().serverName()
              + " (leader of the manifest bucket's stream, the wRPC caller's server), restarted"
              + " after "
              + secondsSince(inject);
      long recovered = recover(problems, "wrpc", System.nanoTime());
      row("kill -9 NATS node, restart", inject, recovered, note, problems);
    }

    void killLeaseHolder() {
      List<String> problems = new ArrayList<>();
      String holder = leaseHolder(HELLO_APP);
      String other =
          FaultLattice.SCHEDULERS.stream().filter(s -> !s.equals(holder)).findFirst().orElseThrow();
      long inject = System.nanoTime();
      lattice.kill(holder);
      StringBuilder note = new StringBuilder("killed " + holder + ", holder of hello's lease");
      try {
        Duration moved =
            Await.until(
                "the leases to move to " + other,
                NOTICE,
                () ->
                    other.equals(leaseHolder(HELLO_APP)) && other.equals(leaseHolder(COMPUTE_APP)));
        note.append("; ").append(other).append(" held both leases after ").append(seconds(moved));
      } catch (AssertionError e) {
        problems.add(e.getMessage());
      }
      lattice.launchScheduler(holder);
      lattice.awaitScheduler(holder);
      note.append("; restarted after ").append(secondsSince(inject));
      long recovered = recover(problems, "wrpc", System.nanoTime());
      row("kill -9 lease-holding scheduler, restart", inject, recovered, note.toString(), problems);
    }

    void partition() {
      boolean real = lattice.netnsUnavailable().isEmpty();
      String how =
          lattice
              .netnsUnavailable()
              .map(
                  why ->
                      "stand-in: SIGSTOP/SIGCONT of host c's process (netns skipped: " + why + ")")
              .orElse("host c in its own network namespace, every link frozen");
      long inject = System.nanoTime();
      List<String> problems = new ArrayList<>();
      StringBuilder note = new StringBuilder(how).append("; ");
      lattice.partition();
      try {
        noticed(note, problems);
        observe(Duration.ofSeconds(8).minus(Duration.ofNanos(System.nanoTime() - inject)));
      } finally {
        lattice.heal();
      }
      note.append("; healed after ").append(secondsSince(inject));
      long recovered = recover(problems, "http-" + FaultLattice.PARTITIONED, System.nanoTime());
      row(
          real ? "partition host c (netns)" : "freeze host c (partition stand-in)",
          inject,
          recovered,
          note.toString(),
          problems);
    }

    /** Waits until the scheduler reports hello not deployed (it noticed the fault). */
    private void noticed(StringBuilder note, List<String> problems) {
      try {
        Duration took = Await.until("the scheduler to notice", NOTICE, () -> !deployed(HELLO_APP));
        note.append("scheduler noticed (hello not deployed) after ").append(seconds(took));
      } catch (AssertionError e) {
        problems.add(e.getMessage());
      }
    }

    /**
     * Waits for recovery: both apps deployed, exactly one hello instance per host and two compute
     * instances, and {@code loop} succeeding since {@code since}. Returns the time.
     */
    private long recover(List<String> problems, String loop, long since) {
      try {
        Await.until(
            "both apps deployed, 3 hello and 2 compute instances, " + loop + " answering",
            RECOVERY,
            () ->
                deployed(HELLO_APP)
                    && deployed(COMPUTE_APP)
                    && onePerHost()
                    && load.okSince(loop, since) > 0);
      } catch (AssertionError e) {
        problems.add(e.getMessage());
      }
      return System.nanoTime();
    }

    private boolean onePerHost() {
      Map<String, InstanceSampler.Count> now = instances.perHost();
      return now.values().stream().allMatch(c -> c.hello() == 1)
          && now.values().stream().mapToInt(InstanceSampler.Count::compute).sum() == 2;
    }

    private void row(
        String fault, long inject, long recovered, String note, List<String> problems) {
      observe(MARGIN.plusSeconds(2)); // calls after the window, which must all succeed
      long to = System.nanoTime();
      long windowTo = recovered + MARGIN.toNanos();
      long windowFrom = recovered != inject ? inject : Long.MAX_VALUE;
      LoadRecorder.Counts http = load.count("http-", inject, to, windowFrom, windowTo);
      LoadRecorder.Counts wrpc = load.count("wrpc", inject, to, windowFrom, windowTo);
      InstanceSampler.Count max = instances.max(inject, to);
      String now = manifestsOrEmpty();
      List<String> all = new ArrayList<>(problems);
      if (http.failedOutside() > 0 || wrpc.failedOutside() > 0) {
        all.add("calls failed outside the fault window");
      }
      if (http.ok() == 0 || wrpc.ok() == 0) {
        all.add("no successful HTTP or wRPC call in this period");
      }
      if (max.hello() > HELLO_LIMIT || max.compute() > COMPUTE_LIMIT) {
        all.add("more instances seen at once than desired + surge: " + max);
      }
      if (!manifestsBefore.equals(now)) {
        all.add("manifests/versions changed: before " + manifestsBefore + ", now " + now);
      }
      FaultTable.Row row =
          new FaultTable.Row(
              fault,
              Duration.ofNanos(recovered - inject),
              http,
              wrpc,
              max.hello() + "/" + HELLO_LIMIT + " " + max.compute() + "/" + COMPUTE_LIMIT,
              manifestsBefore.equals(now),
              all,
              note);
      LOG.info(
          "fault_row fault=\"{}\" recovered_ms={} http={} wrpc={} max_instances={} passed={}",
          fault,
          row.recovery().toMillis(),
          http,
          wrpc,
          max,
          row.passed());
      table.add(row);
    }
  }

  // ---- the apps and the scheduler API ----

  private void deploy() {
    for (String version : List.of("v1", "v2")) {
      var put = scheduler.put(manifest("hello.yaml").replace("${VERSION}", version));
      assertEquals(version, put.currentVersion(), "put hello " + version + ": " + put.message());
    }
    var compute = scheduler.put(manifest("compute.yaml"));
    assertEquals("v1", compute.currentVersion(), "put compute: " + compute.message());
    for (String app : List.of(HELLO_APP, COMPUTE_APP)) {
      var deployed = scheduler.deploy(app, Optional.empty());
      assertEquals(DeployResult.ACKNOWLEDGED, deployed.result(), deployed.message());
    }
    Await.until(
        "hello (3 instances, one per host) and compute (2) deployed",
        FaultLattice.STARTUP,
        () ->
            deployed(HELLO_APP)
                && deployed(COMPUTE_APP)
                && instances.total().equals(new InstanceSampler.Count(3, 2)));
  }

  /** A manifest of {@code src/test/resources/fault} with this checkout's examples path. */
  private static String manifest(String name) {
    try (var in = LatticeFaultIT.class.getResourceAsStream("/fault/" + name)) {
      if (in == null) {
        throw new AssertionError("no test resource fault/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("${EXAMPLES}", EXAMPLES.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private boolean deployed(String app) {
    try {
      var status = scheduler.status(app);
      return status.result() == StatusResult.OK
          && status.status().map(s -> s.type() == StatusType.DEPLOYED).orElse(false);
    } catch (RuntimeException e) {
      return false; // no scheduler answered in time: not (known to be) deployed
    }
  }

  /** Every app with its versions and the deployed one, as one comparable string. */
  private String manifests() {
    StringBuilder out = new StringBuilder();
    for (var model : scheduler.list().models()) {
      out.append(model.name()).append(" deployed=").append(model.deployedVersion().orElse("-"));
      out.append(" versions=");
      for (var v : scheduler.versions(model.name()).versions()) {
        out.append(v.version()).append(v.deployed() ? "*" : "").append(',');
      }
      out.append(';');
    }
    return out.toString();
  }

  /** The manifests once the scheduler API answers again, or why it did not. */
  private String manifestsOrEmpty() {
    String[] seen = {""};
    try {
      Await.until(
          "the scheduler to list the manifests",
          RECOVERY,
          () -> {
            try {
              seen[0] = manifests();
              return !seen[0].isEmpty();
            } catch (RuntimeException e) {
              return false;
            }
          });
      return seen[0];
    } catch (AssertionError e) {
      return "(unavailable: " + e.getMessage() + ")";
    }
  }

  private String leaseHolder(String app) {
    try {
      KeyValue kv = client.keyValue("trellis_leases");
      KeyValueEntry entry = kv.get(FaultLattice.LATTICE + "." + app);
      return entry == null || entry.getValue() == null
          ? ""
          : new String(entry.getValue(), StandardCharsets.UTF_8);
    } catch (Exception e) {
      return "";
    }
  }

  /** Which cluster member leads the manifest bucket's stream. */
  private int manifestLeader() throws Exception {
    String leader =
        client
            .jetStreamManagement()
            .getStreamInfo("KV_" + Subjects.MANIFEST_BUCKET)
            .getClusterInfo()
            .getLeader();
    List<NatsServer> nodes = lattice.nats();
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).config().serverName().equals(leader)) {
        return i;
      }
    }
    throw new AssertionError("manifest stream leader " + leader + " is no cluster member");
  }

  /** A connection that prefers cluster member {@code index}, failing over to the others. */
  private Connection connectFirstTo(int index) throws Exception {
    List<String> urls = new ArrayList<>();
    urls.add(lattice.nats().get(index).clientUrl());
    lattice.nats().stream()
        .map(NatsServer::clientUrl)
        .filter(u -> !urls.contains(u))
        .forEach(urls::add);
    return Nats.connect(
        new Options.Builder()
            .servers(urls.toArray(String[]::new))
            .noRandomize()
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(250))
            .connectionName("fault-it-wrpc")
            .errorListener(new QuietErrors())
            .build());
  }

  /** Connection errors are expected here (a server is killed); the load's counts show them. */
  private static final class QuietErrors implements io.nats.client.ErrorListener {
    @Override
    public void exceptionOccurred(Connection connection, Exception exp) {
      LOG.debug("fault_wrpc_connection_error error={}", exp.toString());
    }
  }

  // ---- load ----

  private static boolean hello(HttpClient http, URI uri) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri).timeout(CALL_TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().equals("Hello from Trellis!\n");
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean containerExists(WrpcClient wrpc) {
    return ok(
        wrpc.invoke(BlobstoreWit.CONTAINER_EXISTS, List.of(WitValue.string("fault")), opts())
            .values()
            .get(0));
  }

  private static InvokeOptions opts() {
    return InvokeOptions.defaults().withTimeout(CALL_TIMEOUT);
  }

  private static boolean ok(WitValue value) {
    return value instanceof WitValue.ResultValue r
        && r.isOk()
        && r.payload().map(p -> !p.equals(WitValue.bool(false))).orElse(true);
  }

  /** {@code fault-host-a} → {@code host a}. */
  private static String shortName(String host) {
    return "host " + host.substring(host.length() - 1);
  }

  // ---- time ----

  /** Lets the load run for {@code period} (measurement, not synchronisation). */
  private static void observe(Duration period) {
    if (period.isPositive()) {
      LockSupport.parkNanos(period.toNanos());
    }
  }

  private static String secondsSince(long start) {
    return seconds(Duration.ofNanos(System.nanoTime() - start));
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
