package dev.trellis.cli;

import dev.trellis.host.HostConfig;
import dev.trellis.host.HostIds;
import dev.trellis.host.image.ImageConfig;
import dev.trellis.host.image.ImagePullPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Flags shared by every command that runs a host ({@code up}, {@code host}); each also reads a
 * {@code TRELLIS_*} variable. Labels come from {@code --label k=v} and {@code TRELLIS_LABEL_K=v}.
 */
final class HostOptions {
  @Option(
      names = "--host-id",
      defaultValue = "${env:TRELLIS_HOST_ID}",
      description = "Stable host id (default: generated). Env: TRELLIS_HOST_ID.")
  String hostId;

  @Option(
      names = "--friendly-name",
      defaultValue = "${env:TRELLIS_FRIENDLY_NAME}",
      description = "Name shown in listings (default: generated). Env: TRELLIS_FRIENDLY_NAME.")
  String friendlyName;

  @Option(
      names = {"-l", "--label"},
      description = "Host label key=value, repeatable. Env: TRELLIS_LABEL_<KEY>=value.")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(
      names = "--heartbeat-interval",
      defaultValue = "${env:TRELLIS_HEARTBEAT_INTERVAL:-15s}",
      description = "Heartbeat interval, at least 1s (default: ${DEFAULT-VALUE}).")
  Duration heartbeatInterval;

  /**
   * The lattice name (event subjects). Not a flag here: {@code trellis up} mixes these options with
   * the scheduler's, which own {@code --lattice}; {@code trellis host} declares its own flag and
   * sets this. Empty means {@code TRELLIS_LATTICE}, else {@value HostConfig#DEFAULT_LATTICE}.
   */
  String lattice;

  @Option(
      names = "--http-port",
      defaultValue = "${env:TRELLIS_HTTP_PORT:-0}",
      description =
          "Serve components exporting wasi:http/incoming-handler on this port (0: no HTTP server;"
              + " default: ${DEFAULT-VALUE}). Env: TRELLIS_HTTP_PORT.")
  int httpPort;

  @Option(
      names = "--image-cache-dir",
      defaultValue = "${env:TRELLIS_IMAGE_CACHE_DIR}",
      description =
          "Where pulled images are cached (default: ~/.trellis/cache/images)."
              + " Env: TRELLIS_IMAGE_CACHE_DIR.")
  Path imageCacheDir;

  @Option(
      names = "--image-pull-policy",
      defaultValue = "${env:TRELLIS_IMAGE_PULL_POLICY:-IF_NOT_PRESENT}",
      description =
          "Pull policy for workloads that set none: ALWAYS, IF_NOT_PRESENT or NEVER"
              + " (default: ${DEFAULT-VALUE}).")
  ImagePullPolicy imagePullPolicy;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST[:PORT]",
      description =
          "Registry spoken to over plain HTTP, repeatable (loopback registries always are)."
              + " Env: TRELLIS_INSECURE_REGISTRIES (comma-separated).")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(
      names = "--drain-timeout",
      defaultValue = "${env:TRELLIS_DRAIN_TIMEOUT:-10s}",
      description =
          "How long a workload stop waits for invocations in progress (default: ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(
      names = "--wrpc-timeout",
      defaultValue = "${env:TRELLIS_WRPC_TIMEOUT:-5s}",
      description =
          "Deadline of each wRPC call a workload makes through an interface routed over wRPC,"
              + " unless its entry sets wrpc:timeout (default: ${DEFAULT-VALUE}).")
  Duration wrpcTimeout;

  HostConfig toConfig(Map<String, String> environment) {
    Map<String, String> all = new LinkedHashMap<>(labelsFromEnvironment(environment));
    all.putAll(labels);
    HostConfig config =
        new HostConfig(
            hostId == null || hostId.isBlank() ? HostIds.newHostId() : hostId,
            friendlyName == null || friendlyName.isBlank() ? HostIds.friendlyName() : friendlyName,
            all,
            heartbeatInterval,
            httpPort,
            "");
    String latticeName =
        lattice != null && !lattice.isBlank()
            ? lattice
            : environment.getOrDefault("TRELLIS_LATTICE", HostConfig.DEFAULT_LATTICE);
    config = config.withLattice(latticeName);
    if (drainTimeout != null) {
      config = config.withDrainTimeout(drainTimeout);
    }
    if (wrpcTimeout != null) {
      config = config.withWrpcTimeout(wrpcTimeout);
    }
    return config.withImages(imageConfig(environment));
  }

  /** The image cache and pull settings from the flags and {@code TRELLIS_*} variables. */
  ImageConfig imageConfig(Map<String, String> environment) {
    ImageConfig images = ImageConfig.defaults();
    if (imageCacheDir != null) {
      images = images.withCacheDir(imageCacheDir.toAbsolutePath().normalize());
    }
    if (imagePullPolicy != null) {
      if (imagePullPolicy == ImagePullPolicy.UNSPECIFIED) {
        throw new IllegalArgumentException(
            "--image-pull-policy must be ALWAYS, IF_NOT_PRESENT or NEVER");
      }
      images = images.withDefaultPolicy(imagePullPolicy);
    }
    Set<String> insecure = new LinkedHashSet<>(insecureRegistries);
    String fromEnv = environment.getOrDefault("TRELLIS_INSECURE_REGISTRIES", "");
    Arrays.stream(fromEnv.split(","))
        .map(String::trim)
        .filter(r -> !r.isEmpty())
        .forEach(insecure::add);
    return images.withInsecureRegistries(insecure);
  }

  /** {@code TRELLIS_LABEL_REGION=eu-west} becomes the label {@code region=eu-west}. */
  static Map<String, String> labelsFromEnvironment(Map<String, String> environment) {
    Map<String, String> labels = new LinkedHashMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith("TRELLIS_LABEL_") && name.length() > "TRELLIS_LABEL_".length()) {
            labels.put(name.substring("TRELLIS_LABEL_".length()).toLowerCase(Locale.ROOT), value);
          }
        });
    return labels;
  }
}
