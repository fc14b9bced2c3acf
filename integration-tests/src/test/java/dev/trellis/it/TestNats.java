package dev.trellis.it;

import dev.trellis.nats.NatsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The single NATS server (with JetStream) of an integration test: from a container through
 * Testcontainers where a Docker engine answers (a developer laptop, a CI service with Docker), else
 * the local {@code nats-server} binary. The choice is made once per run and logged as {@code
 * test_nats source=...}; {@code TRELLIS_TEST_NATS=local|container} (or the system property {@code
 * trellis.test.nats}) forces one.
 */
final class TestNats implements AutoCloseable {
  /** The image the compose file and the Kubernetes manifests run too (checked by a test). */
  static final String IMAGE = "docker.io/library/nats:2.10-alpine";

  private static final Logger LOG = LoggerFactory.getLogger(TestNats.class);
  private static final int CLIENT_PORT = 4222;

  /** Where a test's NATS comes from. */
  enum Source {
    CONTAINER,
    LOCAL_BINARY
  }

  private final Source source;
  private final String clientUrl;
  private final Runnable stop;

  private TestNats(Source source, String clientUrl, Runnable stop) {
    this.source = source;
    this.clientUrl = clientUrl;
    this.stop = stop;
  }

  /** Starts a NATS server with JetStream; a local one keeps its data under {@code dir}. */
  static TestNats start(Path dir) {
    return switch (source()) {
      case CONTAINER -> startContainer();
      case LOCAL_BINARY -> {
        NatsServer server = NatsServer.startLocal(dir);
        yield new TestNats(Source.LOCAL_BINARY, server.clientUrl(), server::close);
      }
    };
  }

  /** The URL clients connect to. */
  String clientUrl() {
    return clientUrl;
  }

  /** Where this server came from. */
  Source sourceOfThis() {
    return source;
  }

  /** The source every test of this run uses, decided (and logged) on first use. */
  static Source source() {
    return Decision.SOURCE;
  }

  /** Holds the decision: made when first asked for, once per test JVM. */
  private static final class Decision {
    static final Source SOURCE =
        decide(System.getenv(), Optional.ofNullable(System.getProperty("trellis.test.nats")));
  }

  /**
   * Forced by {@code TRELLIS_TEST_NATS} or the property; otherwise a container when a Docker engine
   * could exist (a socket or {@code DOCKER_HOST}) and Testcontainers reaches it.
   */
  static Source decide(Map<String, String> env, Optional<String> property) {
    String forced =
        property.orElse(env.getOrDefault("TRELLIS_TEST_NATS", "auto")).toLowerCase(Locale.ROOT);
    long started = System.nanoTime();
    Source source;
    String reason;
    switch (forced) {
      case "local" -> {
        source = Source.LOCAL_BINARY;
        reason = "forced";
      }
      case "container" -> {
        source = Source.CONTAINER;
        reason = "forced";
      }
      case "auto" -> {
        if (!dockerMayExist(env)) {
          source = Source.LOCAL_BINARY;
          reason = "no_docker_socket";
        } else if (DockerClientFactory.instance().isDockerAvailable()) {
          source = Source.CONTAINER;
          reason = "docker_available";
        } else {
          source = Source.LOCAL_BINARY;
          reason = "docker_unreachable";
        }
      }
      default ->
          throw new IllegalArgumentException(
              "TRELLIS_TEST_NATS / trellis.test.nats must be auto, local or container, got '"
                  + forced
                  + "'");
    }
    LOG.info(
        "test_nats source={} reason={} image={} decided_in_ms={}",
        source.name().toLowerCase(Locale.ROOT),
        reason,
        source == Source.CONTAINER ? IMAGE : "-",
        (System.nanoTime() - started) / 1_000_000);
    return source;
  }

  /**
   * Whether asking Testcontainers is worth it: without {@code DOCKER_HOST}, a Testcontainers
   * configuration or a Docker/Podman socket no engine can answer, and the check stays instant.
   */
  static boolean dockerMayExist(Map<String, String> env) {
    if (env.containsKey("DOCKER_HOST")) {
      return true;
    }
    String home = System.getProperty("user.home");
    String runtimeDir = env.getOrDefault("XDG_RUNTIME_DIR", "/nonexistent");
    return Files.exists(Path.of("/var/run/docker.sock"))
        || Files.exists(Path.of(home, ".testcontainers.properties"))
        || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
        || Files.exists(Path.of(runtimeDir, "docker.sock"))
        || Files.exists(Path.of(runtimeDir, "podman", "podman.sock"));
  }

  private static TestNats startContainer() {
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withCommand("--jetstream", "--store_dir", "/data")
            .withExposedPorts(CLIENT_PORT)
            .waitingFor(
                Wait.forLogMessage(".*Server is ready.*", 1)
                    .withStartupTimeout(Duration.ofSeconds(60)));
    container.start();
    String url =
        "nats://" + container.getHost() + ":" + container.getMappedPort(CLIENT_PORT).intValue();
    LOG.info("test_nats_started source=container image={} url={}", IMAGE, url);
    return new TestNats(Source.CONTAINER, url, container::stop);
  }

  @Override
  public void close() {
    stop.run();
  }
}
