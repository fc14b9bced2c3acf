package dev.trellis.it;

import dev.trellis.nats.NatsCluster;
import dev.trellis.nats.NatsServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lattice the fault suite breaks, every part its own operating-system process: a 3-node NATS
 * JetStream cluster, three {@code trellis host} processes (labelled {@code zone=a|b|c}, each with
 * its own HTTP port and every cluster URL), two {@code trellis scheduler} replicas and a {@code
 * trellis provider blobstore-fs}. Host {@code c} runs in its own network namespace when the machine
 * allows it (root and {@code ip netns}), reaching the lattice only through a {@link LinkRelay} the
 * suite can freeze; otherwise it runs like the others and its partition is stood in for by freezing
 * the process (SIGSTOP), which the suite reports as such ({@code -Dtrellis.fault.no-netns=true}
 * forces that stand-in).
 */
final class FaultLattice implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FaultLattice.class);
  static final Duration STARTUP = Duration.ofSeconds(120);
  static final String LATTICE = "default";
  static final String BLOB_PREFIX = "fault.blob";
  static final List<String> HOSTS = List.of("fault-host-a", "fault-host-b", "fault-host-c");
  static final List<String> SCHEDULERS = List.of("fault-sched-1", "fault-sched-2");
  static final String PARTITIONED = "fault-host-c";

  /**
   * Small heaps, one GC thread and C1 only: six JVMs share two cores with other work. Their logs
   * (at INFO, whatever the test's level) go to files in the suite's directory.
   */
  private static final Map<String, String> JVM =
      Map.of(
          "JAVA_TOOL_OPTIONS",
          "-Xmx288m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1",
          "TRELLIS_LOG_LEVEL",
          "INFO");

  private final Path dir;
  private final NatsCluster cluster;
  private final List<NatsServer> nats;
  private final Map<String, Integer> httpPorts = new LinkedHashMap<>();
  private final Map<String, CliProcess> processes = new LinkedHashMap<>();
  private final Optional<Netns> netns;
  private final String netnsUnavailable;
  private int generation;

  /** The namespace host c lives in, the relay half inside it and the one in the test. */
  private record Netns(String name, Process inside, LinkRelay outside) {}

  private FaultLattice(Path dir) {
    this.dir = dir;
    this.cluster = NatsCluster.start(3, dir.resolve("nats"), line -> {});
    this.nats = new ArrayList<>(cluster.servers());
    HOSTS.forEach(h -> httpPorts.put(h, NatsServer.freePort()));
    Optional<Netns> ns = Optional.empty();
    String why = "";
    if (Boolean.getBoolean("trellis.fault.no-netns")) {
      why = "-Dtrellis.fault.no-netns=true";
    } else {
      try {
        ns = Optional.of(createNetns());
      } catch (IOException | RuntimeException e) {
        why = e.getMessage();
        LOG.warn("fault_netns_unavailable reason={}", why);
      }
    }
    this.netns = ns;
    this.netnsUnavailable = why;
  }

  /** Starts NATS, the namespace (if possible), hosts, schedulers and the provider; awaits them. */
  static FaultLattice start(Path dir) {
    FaultLattice lattice = new FaultLattice(dir);
    try {
      HOSTS.forEach(lattice::launchHost);
      SCHEDULERS.forEach(lattice::launchScheduler);
      lattice.launchProvider();
      HOSTS.forEach(lattice::awaitHost);
      SCHEDULERS.forEach(lattice::awaitScheduler);
      lattice
          .processes
          .get("provider")
          .awaitOutput("serving wrpc:blobstore/blobstore@0.2.0", STARTUP);
      return lattice;
    } catch (RuntimeException e) {
      lattice.close();
      throw e;
    }
  }

  /** Every cluster member's client URL, comma-separated. */
  String natsUrls() {
    return cluster.clientUrls();
  }

  List<NatsServer> nats() {
    return List.copyOf(nats);
  }

  int httpPort(String host) {
    return httpPorts.get(host);
  }

  CliProcess process(String name) {
    return processes.get(name);
  }

  /** Whether host c's partition is a real network partition (else: why not). */
  Optional<String> netnsUnavailable() {
    return netns.isPresent() ? Optional.empty() : Optional.of(netnsUnavailable);
  }

  // ---- hosts, schedulers, provider ----

  void launchHost(String id) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "host",
                "--nats",
                natsUrls(),
                "--host-id",
                id,
                "--label",
                "zone=" + id.substring(id.length() - 1),
                "--heartbeat-interval",
                "1s",
                "--http-port",
                Integer.toString(httpPort(id)),
                "--image-cache-dir",
                dir.resolve("cache-" + id).toString()));
    List<String> wrapper =
        id.equals(PARTITIONED) && netns.isPresent()
            ? List.of("ip", "netns", "exec", netns.get().name())
            : List.of();
    processes.put(
        id,
        CliProcess.start(
            dir.resolve(id + "-" + generation++),
            JVM,
            wrapper,
            Optional.empty(),
            args.toArray(String[]::new)));
  }

  void awaitHost(String id) {
    processes.get(id).awaitOutput("Host " + id + " ", STARTUP);
  }

  void launchScheduler(String id) {
    processes.put(
        id,
        CliProcess.start(
            dir.resolve(id + "-" + generation++),
            JVM,
            "scheduler",
            "--nats",
            natsUrls(),
            "--scheduler-id",
            id));
  }

  void awaitScheduler(String id) {
    processes.get(id).awaitOutput("Scheduler " + id + " serving", STARTUP);
  }

  private void launchProvider() {
    processes.put(
        "provider",
        CliProcess.start(
            dir.resolve("provider"),
            JVM,
            "provider",
            "blobstore-fs",
            "--root",
            dir.resolve("blobs").toString(),
            "--nats",
            natsUrls(),
            "--prefix",
            BLOB_PREFIX));
  }

  /** SIGKILL of a host or scheduler, as a crash. */
  void kill(String name) {
    processes.get(name).kill();
  }

  // ---- NATS ----

  /** SIGKILL of cluster member {@code index}. */
  void killNats(int index) {
    nats.get(index).kill();
  }

  /** Starts member {@code index} again with its ports, name, routes and storage; awaits it. */
  void restartNats(int index) {
    NatsServer again = NatsServer.start(nats.get(index).config(), line -> {});
    nats.set(index, again);
  }

  // ---- partition ----

  /** Cuts host c off the lattice (relay frozen), or freezes its process when there is no netns. */
  void partition() {
    netns.ifPresentOrElse(n -> n.outside().pause(), () -> signal("STOP"));
  }

  /** Undoes {@link #partition()}. */
  void heal() {
    netns.ifPresentOrElse(n -> n.outside().resume(), () -> signal("CONT"));
  }

  private void signal(String signal) {
    long pid = processes.get(PARTITIONED).handle().pid();
    run(List.of("kill", "-" + signal, Long.toString(pid)));
  }

  private Netns createNetns() throws IOException {
    String name = "trellis-fault-" + ProcessHandle.current().pid();
    run(List.of("ip", "netns", "add", name));
    try {
      run(List.of("ip", "-n", name, "link", "set", "lo", "up"));
      Path links = Files.createDirectories(dir.resolve("links"));
      LinkRelay outside = new LinkRelay();
      List<String> natsPorts = new ArrayList<>();
      for (NatsServer server : nats) {
        outside.unixToTcp(links, server.config().port());
        natsPorts.add(Integer.toString(server.config().port()));
      }
      int http = httpPort(PARTITIONED);
      Path log = dir.resolve("relay.log");
      Process inside =
          new ProcessBuilder(
                  "ip",
                  "netns",
                  "exec",
                  name,
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx32m",
                  "-XX:+UseSerialGC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  LinkRelay.class.getName(),
                  links.toString(),
                  String.join(",", natsPorts),
                  Integer.toString(http))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Await.until(
          "the relay inside network namespace " + name,
          Duration.ofSeconds(60),
          () -> read(log).contains("relay ready") || !inside.isAlive());
      if (!inside.isAlive()) {
        throw new IOException("relay inside " + name + " exited: " + read(log));
      }
      outside.tcpToUnix(http, links);
      LOG.info("fault_netns_ready name={} nats_ports={} http_port={}", name, natsPorts, http);
      return new Netns(name, inside, outside);
    } catch (IOException | RuntimeException e) {
      run(List.of("ip", "netns", "delete", name));
      throw e;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Runs a short system command; throws with its output when it fails. */
  private static void run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    }
  }

  @Override
  public void close() {
    try {
      heal();
    } catch (IllegalStateException e) {
      LOG.debug("fault_heal_on_close_failed error={}", e.getMessage());
    }
    processes.values().forEach(CliProcess::close);
    netns.ifPresent(
        n -> {
          n.inside().destroyForcibly();
          n.outside().close();
          try {
            n.inside().waitFor(10, TimeUnit.SECONDS);
            run(List.of("ip", "netns", "delete", n.name()));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IllegalStateException e) {
            LOG.warn("fault_netns_delete_failed name={} error={}", n.name(), e.getMessage());
          }
        });
    nats.forEach(NatsServer::close);
    cluster.close();
  }
}
