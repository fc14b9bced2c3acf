package dev.trellis.scheduler.reconcile;

import java.util.Map;
import java.util.Optional;

/**
 * The annotations the scheduler puts on every workload it starts, so that each scaler counts only
 * its own instances and an undeploy removes exactly what was started. The first four are wadm's
 * names; the rest are Trellis' own.
 */
public final class Ownership {
  /** Who manages the workload: always {@value #MANAGER}. */
  public static final String MANAGED_BY = "wasmcloud.dev/managed-by";

  /** The application (wadm's appspec annotation). */
  public static final String APPSPEC = "wasmcloud.dev/appspec";

  /** The scaler key within the application. */
  public static final String SCALER = "wasmcloud.dev/scaler";

  /** The spread group the instance was placed for (wadm's spread annotation). */
  public static final String SPREAD = "wasmcloud.dev/spread_name";

  /** The application version whose manifest started the workload. */
  public static final String VERSION = "trellis.dev/app-version";

  /** Hash of the workload's definition; a different hash marks an outdated instance. */
  public static final String SPEC_HASH = "trellis.dev/spec-hash";

  /** The value of {@link #MANAGED_BY} on workloads Trellis' scheduler starts. */
  public static final String MANAGER = "trellis";

  private Ownership() {}

  /** The value of {@code key} in {@code annotations}, if set. */
  static Optional<String> get(Map<String, String> annotations, String key) {
    return Optional.ofNullable(annotations.get(key));
  }

  /** Whether {@code annotations} mark a workload of {@code app} started by this scheduler. */
  public static boolean ownedBy(Map<String, String> annotations, String app) {
    return MANAGER.equals(annotations.get(MANAGED_BY)) && app.equals(annotations.get(APPSPEC));
  }
}
