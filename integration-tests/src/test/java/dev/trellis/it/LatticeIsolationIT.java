package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trellis.host.HostConfig;
import dev.trellis.host.LatticeHost;
import dev.trellis.host.image.ImageConfig;
import dev.trellis.nats.NatsAuth;
import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsConnector;
import dev.trellis.nats.NatsSecurityFixtures;
import dev.trellis.nats.NatsServer;
import dev.trellis.nats.NatsServerConfig;
import dev.trellis.proto.v2.Component;
import dev.trellis.proto.v2.WitWorld;
import dev.trellis.proto.v2.Workload;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.scheduler.inventory.HostInventory;
import dev.trellis.scheduler.inventory.HostView;
import dev.trellis.scheduler.reconcile.HostApiClient;
import dev.trellis.scheduler.reconcile.HostCall;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenants on one {@code nats-server}: two NATS accounts, and two lattices inside one account. A
 * client of another account, or of another lattice in the same account, neither lists a lattice's
 * hosts nor reaches them with a Host API request; a client of the host's own lattice does both.
 */
class LatticeIsolationIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration ASK = Duration.ofSeconds(2);
  @TempDir static Path dir;
  private static NatsServer nats;
  private static final List<Connection> connections = new ArrayList<>();
  private static final List<LatticeHost> hosts = new ArrayList<>();
  private static Path passwordA;
  private static Path passwordB;

  @BeforeAll
  static void start() {
    nats =
        NatsServer.start(
            NatsServerConfig.local(dir.resolve("nats"))
                .withExtraConfig(
                    """
                    accounts {
                      TENANT_A: { jetstream: enabled, users: [ {user: a, password: "pass-a"} ] }
                      TENANT_B: { jetstream: enabled, users: [ {user: b, password: "pass-b"} ] }
                    }
                    """),
            line -> {});
    passwordA = NatsSecurityFixtures.write(dir, "a.pass", "pass-a");
    passwordB = NatsSecurityFixtures.write(dir, "b.pass", "pass-b");
    hosts.add(host("a-default", "default"));
    hosts.add(host("a-blue", "blue"));
  }

  @AfterAll
  static void stop() {
    hosts.forEach(LatticeHost::close);
    connections.forEach(NatsConnector::closeQuietly);
    nats.close();
  }

  private static Connection connect(String user, Path password, String name) {
    Connection connection =
        NatsConnector.connect(
            NatsClientConfig.of(nats.clientUrl(), name)
                .withAuth(new NatsAuth.UserPassword(user, password)));
    connections.add(connection);
    return connection;
  }

  private static LatticeHost host(String id, String lattice) {
    HostConfig config =
        HostConfig.generated()
            .withHostId(id)
            .withLattice(lattice)
            .withHeartbeatInterval(Duration.ofSeconds(1))
            .withImages(ImageConfig.defaults().withCacheDir(dir.resolve(id).resolve("images")))
            .withScratchDir(dir.resolve(id).resolve("scratch"));
    return LatticeHost.join(config, connect("a", passwordA, id), Clock.systemUTC());
  }

  private static List<String> listed(Connection connection, String lattice) {
    return new HostInventory(connection, Clock.systemUTC(), lattice)
        .liveHosts(Optional.empty()).stream().map(HostView::hostId).sorted().toList();
  }

  private static Workload workload() {
    return Workload.newBuilder()
        .setNamespace("isolation")
        .setName("intruder")
        .setWitWorld(
            WitWorld.newBuilder()
                .addComponents(
                    Component.newBuilder().setName("c").setImage("file:///nonexistent.wasm")))
        .build();
  }

  @Test
  void anotherAccountNeitherSeesNorDrivesTheHosts() {
    Connection tenantA = connect("a", passwordA, "tenant-a");
    Connection tenantB = connect("b", passwordB, "tenant-b");
    Await.until(
        "both hosts listed in their lattices",
        WAIT,
        () ->
            listed(tenantA, "default").equals(List.of("a-default"))
                && listed(tenantA, "blue").equals(List.of("a-blue")));

    assertEquals(List.of(), listed(tenantB, "default"));
    assertEquals(List.of(), listed(tenantB, "blue"));
    HostApiClient fromB = new HostApiClient(tenantB, "default", ASK);
    assertInstanceOf(HostCall.NoResponders.class, fromB.heartbeat("a-default", ASK));
    assertInstanceOf(
        HostCall.NoResponders.class, fromB.start("a-default", "intruder-1", workload()));
    assertEquals(0, hosts.get(0).host().inventory().size(), "nothing started on a-default");

    // The control: the host's own account and lattice reaches it.
    HostCall<?> own = new HostApiClient(tenantA, "default", ASK).heartbeat("a-default", ASK);
    assertInstanceOf(HostCall.Answered.class, own);
  }

  @Test
  void anotherLatticeInTheSameAccountNeitherSeesNorDrivesTheHosts() {
    Connection tenantA = connect("a", passwordA, "tenant-a-green");
    Await.until(
        "host a-blue listed in lattice blue",
        WAIT,
        () -> listed(tenantA, "blue").equals(List.of("a-blue")));

    assertEquals(List.of(), listed(tenantA, "green"));
    assertEquals(List.of("a-default"), listed(tenantA, "default"), "default lacks a-blue");
    HostApiClient green = new HostApiClient(tenantA, "green", ASK);
    assertInstanceOf(HostCall.NoResponders.class, green.start("a-blue", "intruder-2", workload()));
    HostApiClient defaultLattice = new HostApiClient(tenantA, "default", ASK);
    assertInstanceOf(
        HostCall.NoResponders.class, defaultLattice.start("a-blue", "intruder-3", workload()));
    assertEquals(0, hosts.get(1).host().inventory().size(), "nothing started on a-blue");

    HostCall<WorkloadStatus> own =
        new HostApiClient(tenantA, "blue", ASK).status("a-blue", "intruder-2", ASK);
    WorkloadStatus status =
        own instanceof HostCall.Answered<WorkloadStatus> answered
            ? answered.value()
            : fail("lattice blue's own client got " + own);
    assertEquals(WorkloadState.WORKLOAD_STATE_NOT_FOUND, status.getWorkloadState());
  }

  @Test
  void theCliOfAnotherAccountListsNoHosts() {
    Await.until(
        "host listed",
        WAIT,
        () -> listed(connect("a", passwordA, "probe"), "default").contains("a-default"));
    CliProcess.Result tenantB =
        CliProcess.run(
            dir.resolve("cli-b"),
            Map.of("TRELLIS_NATS_PASSWORD_FILE", passwordB.toString()),
            Duration.ofSeconds(60),
            "get",
            "hosts",
            "--nats",
            nats.clientUrl(),
            "--nats-user",
            "b");
    assertEquals(0, tenantB.exitCode(), tenantB.stderr());
    assertTrue(tenantB.stdout().contains("(no live hosts)"), tenantB.stdout());

    CliProcess.Result blue =
        CliProcess.run(
            dir.resolve("cli-a"),
            Map.of(),
            Duration.ofSeconds(60),
            "get",
            "hosts",
            "--nats",
            nats.clientUrl(),
            "--nats-user",
            "a",
            "--nats-password-file",
            passwordA.toString(),
            "--lattice",
            "blue");
    assertEquals(0, blue.exitCode(), blue.stderr());
    assertTrue(blue.stdout().contains("a-blue"), blue.stdout());
    assertTrue(!blue.stdout().contains("a-default"), blue.stdout());
  }
}
