package dev.trellis.scheduler.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The status of one application (wadm's {@code Status}): an overall type and message, and what each
 * scaler reports. The reconciler builds it with {@link #of(List)}, which combines the scalers as
 * wadm does; the API serves it and publishes it on {@code wadm.status.{lattice}.{app}}.
 *
 * @param type the overall status
 * @param message the overall message, empty when there is nothing to say
 * @param scalers what each scaler reports
 */
public record AppStatus(StatusType type, String message, List<ScalerStatus> scalers) {
  public AppStatus {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
    scalers = List.copyOf(scalers);
  }

  /** A status without scaler detail. */
  public static AppStatus of(StatusType type, String message) {
    return new AppStatus(type, message, List.of());
  }

  /**
   * The status of an application whose scalers report {@code scalers}: their combined type ({@link
   * StatusType#combine}) and their non-empty messages joined with {@code ", "}, as wadm does.
   */
  public static AppStatus of(List<ScalerStatus> scalers) {
    StatusType type = StatusType.combine(scalers.stream().map(ScalerStatus::type).toList());
    String message =
        scalers.stream()
            .map(s -> s.message().strip())
            .filter(m -> !m.isEmpty())
            .collect(Collectors.joining(", "));
    return new AppStatus(type, message, scalers);
  }
}
