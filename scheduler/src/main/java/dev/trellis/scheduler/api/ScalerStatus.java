package dev.trellis.scheduler.api;

import java.util.Objects;

/**
 * What one scaler of an application reports (wadm's {@code ScalerStatus}), so {@code trellis app
 * status} can say which part is stuck and why.
 *
 * @param id the scaler's id
 * @param kind the scaler's kind, e.g. {@code SpreadScaler}
 * @param name a human-readable name, e.g. the component it scales
 * @param type its status
 * @param message why, empty when there is nothing to say
 */
public record ScalerStatus(String id, String kind, String name, StatusType type, String message) {
  public ScalerStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
  }
}
