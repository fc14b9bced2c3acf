package dev.trellis.host;

import dev.trellis.proto.Subjects;
import java.time.Duration;
import java.util.Map;
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
 */
public record HostConfig(
    String hostId,
    String friendlyName,
    Map<String, String> labels,
    Duration heartbeatInterval,
    int httpPort,
    String environment) {

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
  }

  /** A host with a generated id and name, no labels, and the default interval. */
  public static HostConfig generated() {
    return new HostConfig(
        HostIds.newHostId(), HostIds.friendlyName(), Map.of(), DEFAULT_HEARTBEAT_INTERVAL, 0, "");
  }

  public HostConfig withHostId(String id) {
    return new HostConfig(id, friendlyName, labels, heartbeatInterval, httpPort, environment);
  }

  public HostConfig withFriendlyName(String name) {
    return new HostConfig(hostId, name, labels, heartbeatInterval, httpPort, environment);
  }

  public HostConfig withLabels(Map<String, String> newLabels) {
    return new HostConfig(
        hostId, friendlyName, newLabels, heartbeatInterval, httpPort, environment);
  }

  public HostConfig withHeartbeatInterval(Duration interval) {
    return new HostConfig(hostId, friendlyName, labels, interval, httpPort, environment);
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
