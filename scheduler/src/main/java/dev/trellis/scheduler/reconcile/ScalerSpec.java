package dev.trellis.scheduler.reconcile;

import dev.trellis.proto.v2.Workload;
import dev.trellis.scheduler.manifest.DaemonScaler;
import dev.trellis.scheduler.manifest.Scaler;
import dev.trellis.scheduler.manifest.SpreadScaler;
import java.util.Objects;

/**
 * One scaler of a deployed application, ready to compute: its key (stable across versions, so a new
 * version rolls out over the old one's instances), the trait that says how many and where, the
 * workload each instance runs, the hash of that definition and the surge bound.
 *
 * @param key the scaler key, the value of {@link Ownership#SCALER} on its workloads
 * @param name what status shows (the lead component's id)
 * @param trait spread or daemon scaler
 * @param template the workload, ownership annotations included except the spread name
 * @param specHash hash of the workload definition; instances with another hash are outdated
 * @param maxSurge how many instances beyond the desired count may exist while rolling out
 */
public record ScalerSpec(
    String key, String name, Scaler trait, Workload template, String specHash, int maxSurge) {
  public ScalerSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(trait, "trait");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(specHash, "specHash");
    if (maxSurge < 1) {
      throw new IllegalArgumentException("maxSurge must be >= 1, got " + maxSurge);
    }
  }

  /** The scaler kind as status reports it (wadm's names). */
  public String kind() {
    return switch (trait) {
      case SpreadScaler s -> "SpreadScaler";
      case DaemonScaler d -> "DaemonScaler";
    };
  }

  /** The workload for one instance placed for spread {@code spreadName}. */
  public Workload workloadFor(String spreadName) {
    return template.toBuilder().putAnnotations(Ownership.SPREAD, spreadName).build();
  }
}
