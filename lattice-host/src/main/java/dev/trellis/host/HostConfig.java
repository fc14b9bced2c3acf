package dev.trellis.host;

import dev.trellis.host.image.ImageConfig;
import dev.trellis.host.plugin.PluginContext;
import dev.trellis.proto.Subjects;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything that makes one host what it is on the lattice: its id and friendly name, its labels
 * (which the scheduler matches placement requirements against), and how often it heart-beats. Built
 * once in {@code main} from flags and {@code TRELLIS_*} variables.
 *
 * @param hostId stable id, one NATS subject token
 * @param friendlyName human-readable name shown in listings
 * @param labels user labels; built-in {@code hostcore.*} labels are added by the host
 * @param heartbeatInterval how often the heartbeat is published (1 s or more)
 * @param httpPort the port of the host's HTTP server, 0 when it has none
 * @param environment the environment the host advertises (e.g. a Kubernetes namespace)
 * @param lattice the lattice name, the {@code {lattice}} token of event subjects
 * @param images where images are cached and the default pull policy
 * @param drainTimeout how long a workload stop waits for invocations in progress
 * @param scratchDir where the host makes {@code empty_dir} volumes
 * @param wrpcTimeout the deadline of each wRPC call a guest makes through an interface routed over
 *     wRPC, unless the workload's entry sets its own ({@code wrpc:timeout})
 */
public record HostConfig(
    String hostId,
    String friendlyName,
    Map<String, String> labels,
    Duration heartbeatInterval,
    int httpPort,
    String environment,
    String lattice,
    ImageConfig images,
    Duration drainTimeout,
    Path scratchDir,
    Duration wrpcTimeout) {

  /** The lattice a host joins unless told otherwise. */
  public static final String DEFAULT_LATTICE = "default";

  /** How long a stop drains unless told otherwise. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

  /** The deadline of a guest's wRPC call unless told otherwise. */
  public static final Duration DEFAULT_WRPC_TIMEOUT = PluginContext.DEFAULT_CALL_TIMEOUT;

  /** The default heartbeat interval of wasmCloud V2 hosts. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);

  /** The shortest interval accepted; faster beats only load NATS. */
  public static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

  public HostConfig {
    Subjects.token("host id", hostId);
    if (friendlyName == null || friendlyName.isBlank()) {
      throw new IllegalArgumentException("friendly name must not be blank");
    }
    labels = Map.copyOf(new TreeMap<>(labels));
    labels.keySet().forEach(HostConfig::checkLabelKey);
    if (heartbeatInterval.compareTo(MIN_HEARTBEAT_INTERVAL) < 0) {
      throw new IllegalArgumentException(
          "heartbeat interval must be at least 1s, got " + heartbeatInterval.toMillis() + "ms");
    }
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("http port must be in 0..65535, got " + httpPort);
    }
    environment = environment == null ? "" : environment;
    Subjects.token("lattice", lattice);
    Objects.requireNonNull(images, "images");
    if (drainTimeout.isNegative()) {
      throw new IllegalArgumentException("drain timeout must not be negative");
    }
    Objects.requireNonNull(scratchDir, "scratchDir");
    if (wrpcTimeout.isNegative() || wrpcTimeout.isZero()) {
      throw new IllegalArgumentException("wRPC timeout must be positive, got " + wrpcTimeout);
    }
  }

  /**
   * A host in the default lattice with the default image cache ({@link ImageConfig#defaults()}),
   * drain timeout and scratch directory.
   */
  public HostConfig(
      String hostId,
      String friendlyName,
      Map<String, String> labels,
      Duration heartbeatInterval,
      int httpPort,
      String environment) {
    this(
        hostId,
        friendlyName,
        labels,
        heartbeatInterval,
        httpPort,
        environment,
        DEFAULT_LATTICE,
        ImageConfig.defaults(),
        DEFAULT_DRAIN_TIMEOUT,
        defaultScratchDir(),
        DEFAULT_WRPC_TIMEOUT);
  }

  /** {@code <tmp>/trellis-scratch}: where {@code empty_dir} volumes go by default. */
  public static Path defaultScratchDir() {
    return Path.of(System.getProperty("java.io.tmpdir"), "trellis-scratch");
  }

  /** A host with a generated id and name, no labels, and the default interval. */
  public static HostConfig generated() {
    return new HostConfig(
        HostIds.newHostId(), HostIds.friendlyName(), Map.of(), DEFAULT_HEARTBEAT_INTERVAL, 0, "");
  }

  public HostConfig withHostId(String id) {
    return new HostConfig(
        id,
        friendlyName,
        labels,
        heartbeatInterval,
        httpPort,
        environment,
        lattice,
        images,
        drainTimeout,
        scratchDir,
        wrpcTimeout);
  }

  public HostConfig withFriendlyName(String name) {
    return new HostConfig(
        hostId,
        name,
        labels,
        heartbeatInterval,
        httpPort,
        environment,
        lattice,
        images,
        drainTimeout,
        scratchDir,
        wrpcTimeout);
  }

  public HostConfig withLabels(Map<String, String> newLabels) {
    return new HostConfig(
        hostId,
        friendlyName,
        newLabels,
        heartbeatInterval,
        httpPort,
        environment,
        lattice,
        images,
        drainTimeout,
        scratchDir,
        wrpcTimeout);
  }

  public HostConfig withHeartbeatInterval(Duration interval) {
    return new HostConfig(
        hostId,
        friendlyName,
        labels,
        interval,
        httpPort,
        environment,
        lattice,
        images,
        drainTimeout,
        scratchDir,
        wrpcTimeout);
  }

  public HostConfig withHttpPort(int port) {
    return new HostConfig(
        hostId,
        friendlyName,
        labels,
        heartbeatInterval,
        port,
        environment,
        lattice,
        images,
        drainTimeout,
        scratchDir,
        wrpcTimeout);
  }

  public HostConfig withLattice(String name) {
    return new HostConfig(
        hostId,
        friendlyName,
        labels,
        heartbeatInterval,
        httpPort,
        environment,
        name,
        images,
        drainTimeout,
        scratchDir,
        wrpcTimeout);
  }

  public HostConfig withImages(ImageConfig imageConfig) {
    return new HostConfig(
        hostId,
        friendlyName,
        labels,
        heartbeatInterval,
        httpPort,
        environment,
        lattice,
        imageConfig,
        drainTimeout,
        scratchDir,
        wrpcTimeout);
  }

  public HostConfig withDrainTimeout(Duration timeout) {
    return new HostConfig(
        hostId,
        friendlyName,
        labels,
        heartbeatInterval,
        httpPort,
        environment,
        lattice,
        images,
        timeout,
        scratchDir,
        wrpcTimeout);
  }

  public HostConfig withScratchDir(Path dir) {
    return new HostConfig(
        hostId,
        friendlyName,
        labels,
        heartbeatInterval,
        httpPort,
        environment,
        lattice,
        images,
        drainTimeout,
        dir,
        wrpcTimeout);
  }

  public HostConfig withWrpcTimeout(Duration timeout) {
    return new HostConfig(
        hostId,
        friendlyName,
        labels,
        heartbeatInterval,
        httpPort,
        environment,
        lattice,
        images,
        drainTimeout,
        scratchDir,
        timeout);
  }

  private static void checkLabelKey(String key) {
    if (key.isBlank() || !key.matches("[A-Za-z0-9][A-Za-z0-9._/\\-]*")) {
      throw new IllegalArgumentException(
          "label key '" + key + "' must start with a letter or digit and use only [A-Za-z0-9._/-]");
    }
    if (key.startsWith("hostcore.")) {
      throw new IllegalArgumentException(
          "label key '" + key + "' is reserved: hostcore.* labels are set by the host itself");
    }
  }
}
