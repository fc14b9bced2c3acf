package dev.trellis.scheduler.reconcile;

import dev.trellis.scheduler.api.ScalerStatus;
import dev.trellis.scheduler.api.StatusType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Collects what a scaler has to say, part by part, and combines it into one {@link ScalerStatus}:
 * the most severe type by wadm's precedence and the messages joined with {@code "; "}.
 */
final class StatusParts {
  private final List<StatusType> types = new ArrayList<>();
  private final List<String> messages = new ArrayList<>();

  void add(StatusType type, String message) {
    types.add(type);
    if (!message.isBlank()) {
      messages.add(message);
    }
  }

  ScalerStatus build(ScalerSpec spec) {
    StatusType type = types.isEmpty() ? StatusType.DEPLOYED : StatusType.combine(types);
    return new ScalerStatus(
        spec.key(), spec.kind(), spec.name(), type, String.join("; ", messages));
  }

  /** Label requirements as people read them: {@code {region=eu-west, tier=1}}. */
  static String requirements(Map<String, String> requirements) {
    return requirements.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }

  /** The message of a failed instance, naming its host. */
  static String failure(Instance instance) {
    return "host "
        + instance.hostId()
        + ": "
        + (instance.message().isBlank() ? "workload failed" : instance.message());
  }
}
