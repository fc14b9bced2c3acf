package dev.trellis.scheduler.reconcile;

import dev.trellis.scheduler.api.ScalerStatus;
import dev.trellis.scheduler.api.StatusType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Collects what a scaler has to say, part by part, and combines it into one {@link ScalerStatus}:
 * the most severe type by wadm's precedence and the distinct messages joined with {@code "; "}.
 */
final class StatusParts {
  private static final String HTTP_INCOMING_HANDLER = "wasi:http/incoming-handler";

  private final List<StatusType> types = new ArrayList<>();
  private final List<String> messages = new ArrayList<>();

  void add(StatusType type, String message) {
    types.add(type);
    if (!message.isBlank() && !messages.contains(message)) {
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

  /**
   * Why none of {@code candidates} (hosts matching a spread's labels) can run the workload: the
   * plugin interfaces each lacks, for the first three.
   */
  static String unserved(ScalerSpec spec, List<HostState> candidates) {
    List<String> lacks =
        candidates.stream()
            .limit(3)
            .map(h -> "host " + h.hostId() + " lacks " + String.join(", ", spec.missingOn(h)))
            .collect(Collectors.toCollection(ArrayList::new));
    if (candidates.size() > 3) {
      lacks.add((candidates.size() - 3) + " more alike");
    }
    boolean http =
        candidates.stream().anyMatch(h -> spec.missingOn(h).contains(HTTP_INCOMING_HANDLER));
    return "no host serves what the workload needs from host plugins ("
        + String.join("; ", lacks)
        + ")"
        + (http ? "; a host serves HTTP when started with --http-port" : "");
  }

  /** The message of a failed instance, naming its host. */
  static String failure(Instance instance) {
    return "host "
        + instance.hostId()
        + ": "
        + (instance.message().isBlank() ? "workload failed" : instance.message());
  }
}
