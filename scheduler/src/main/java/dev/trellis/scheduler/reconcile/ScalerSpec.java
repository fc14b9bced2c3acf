package dev.trellis.scheduler.reconcile;

import dev.trellis.proto.v2.WitInterface;
import dev.trellis.proto.v2.Workload;
import dev.trellis.scheduler.api.StatusType;
import dev.trellis.scheduler.manifest.DaemonScaler;
import dev.trellis.scheduler.manifest.Scaler;
import dev.trellis.scheduler.manifest.SpreadScaler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One scaler of a deployed application, ready to compute: its key (stable across versions, so a new
 * version rolls out over the old one's instances), the trait that says how many and where, the
 * workload each instance runs (and so which plugin interfaces a host needs), the hash of that
 * definition and the surge bound. A scaler whose workload references a named config that is missing
 * or malformed is {@code unresolved}: it starts and stops nothing until the config is fixed.
 *
 * @param key the scaler key, the value of {@link Ownership#SCALER} on its workloads
 * @param name what status shows (the lead component's id)
 * @param trait spread or daemon scaler
 * @param template the workload, ownership annotations included except the spread name
 * @param specHash hash of the workload definition; instances with another hash are outdated
 * @param maxSurge how many instances beyond the desired count may exist while rolling out
 * @param unresolved why the workload cannot be defined yet (named configs missing or malformed)
 */
public record ScalerSpec(
    String key,
    String name,
    Scaler trait,
    Workload template,
    String specHash,
    int maxSurge,
    Optional<Unresolved> unresolved) {
  public ScalerSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(trait, "trait");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(specHash, "specHash");
    if (maxSurge < 1) {
      throw new IllegalArgumentException("maxSurge must be >= 1, got " + maxSurge);
    }
    Objects.requireNonNull(unresolved, "unresolved");
  }

  /**
   * Why a scaler's workload cannot be defined yet: {@link StatusType#WAITING} while a named config
   * is missing, {@link StatusType#FAILED} when one holds something that is not a JSON object of
   * strings.
   *
   * @param type waiting or failed
   * @param message names each config, where it is referenced and what to do
   */
  public record Unresolved(StatusType type, String message) {
    public Unresolved {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(message, "message");
    }
  }

  /** The scaler kind as status reports it (wadm's names). */
  public String kind() {
    return switch (trait) {
      case SpreadScaler s -> "SpreadScaler";
      case DaemonScaler d -> "DaemonScaler";
    };
  }

  /**
   * The interfaces ({@code namespace:package/interface}) that a host's built-in plugins must serve
   * for this workload to start there: those of its host interface entries naming a plugin ({@link
   * Capabilities#PLUGIN_KEY}). Entries reached over wRPC need nothing of the host's plugins.
   */
  public Set<String> needs() {
    Set<String> needs = new TreeSet<>();
    for (WitInterface entry : template.getWitWorld().getHostInterfacesList()) {
      if (entry.getConfigMap().containsKey(Capabilities.PLUGIN_KEY)) {
        needs.addAll(HostState.names(entry));
      }
    }
    return needs;
  }

  /**
   * What of {@link #needs()} {@code host} does not serve; empty when the workload can run there.
   */
  public List<String> missingOn(HostState host) {
    return needs().stream().filter(n -> !host.serves(n)).toList();
  }

  /** The workload for one instance placed for spread {@code spreadName}. */
  public Workload workloadFor(String spreadName) {
    return template.toBuilder().putAnnotations(Ownership.SPREAD, spreadName).build();
  }
}
