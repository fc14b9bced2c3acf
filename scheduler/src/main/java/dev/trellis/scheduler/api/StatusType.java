package dev.trellis.scheduler.api;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * wadm's {@code StatusType}: where an application or one of its scalers stands. Statuses combine by
 * precedence, failed &gt; undeployed &gt; waiting &gt; reconciling &gt; unhealthy &gt; deployed, so
 * an application is only as healthy as its least healthy scaler.
 */
public enum StatusType {
  /** Waiting for something outside the scheduler (hosts to join, a shared app to deploy). */
  WAITING,
  /** Not deployed; the default. */
  UNDEPLOYED,
  /** Commands are out; the lattice is converging (wadm's alias: {@code compensating}). */
  RECONCILING,
  /** Everything runs as declared (wadm's alias: {@code ready}). */
  DEPLOYED,
  /** Something cannot be done without a change to the manifest or the lattice. */
  FAILED,
  /** Deployed, but some part reports trouble. */
  UNHEALTHY;

  /** The lower-case name wadm writes. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status named {@code wire} (wadm's names and its aliases), if it is one. */
  public static Optional<StatusType> fromWire(String wire) {
    return switch (wire) {
      case "waiting" -> Optional.of(WAITING);
      case "undeployed" -> Optional.of(UNDEPLOYED);
      case "reconciling", "compensating" -> Optional.of(RECONCILING);
      case "deployed", "ready" -> Optional.of(DEPLOYED);
      case "failed" -> Optional.of(FAILED);
      case "unhealthy" -> Optional.of(UNHEALTHY);
      default -> Optional.empty();
    };
  }

  /** The combination of this status and {@code other}: whichever has precedence. */
  public StatusType and(StatusType other) {
    return rank(this) >= rank(other) ? this : other;
  }

  /** The combination of {@code statuses}; {@link #UNDEPLOYED} for none, as in wadm. */
  public static StatusType combine(Collection<StatusType> statuses) {
    return statuses.stream().reduce(StatusType::and).orElse(UNDEPLOYED);
  }

  private static int rank(StatusType type) {
    return switch (type) {
      case DEPLOYED -> 0;
      case UNHEALTHY -> 1;
      case RECONCILING -> 2;
      case WAITING -> 3;
      case UNDEPLOYED -> 4;
      case FAILED -> 5;
    };
  }
}
