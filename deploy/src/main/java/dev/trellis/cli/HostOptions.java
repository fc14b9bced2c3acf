package dev.trellis.cli;

import dev.trellis.host.HostConfig;
import dev.trellis.host.HostIds;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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

  HostConfig toConfig(Map<String, String> environment) {
    Map<String, String> all = new LinkedHashMap<>(labelsFromEnvironment(environment));
    all.putAll(labels);
    return new HostConfig(
        hostId == null || hostId.isBlank() ? HostIds.newHostId() : hostId,
        friendlyName == null || friendlyName.isBlank() ? HostIds.friendlyName() : friendlyName,
        all,
        heartbeatInterval,
        0,
        "");
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
