package dev.trellis.proto;

import java.util.regex.Pattern;

/**
 * Every NATS subject and JetStream name the lattice uses, built in one place so hosts, schedulers,
 * providers and the CLI can never disagree on spelling. Host API subjects follow wasmCloud V2
 * ({@code runtime.host.{id}.*}, {@code runtime.operator.heartbeat.{id}}).
 */
public final class Subjects {
  /** Prefix of the requests every host serves. */
  public static final String HOST_API_PREFIX = "runtime.host";

  /** Prefix of what hosts publish for operators and schedulers. */
  public static final String OPERATOR_PREFIX = "runtime.operator";

  /** Every host's periodic heartbeat. */
  public static final String ALL_HEARTBEATS = OPERATOR_PREFIX + ".heartbeat.*";

  /**
   * JetStream stream that keeps the newest heartbeat of each host, so a listing needs no waiting
   * for the next beat. Trellis' own addition; it only captures what hosts publish anyway.
   */
  public static final String HEARTBEAT_STREAM = "TRELLIS_HEARTBEATS";

  /** NATS header on a heartbeat carrying the sender's interval in milliseconds (Trellis). */
  public static final String HEARTBEAT_INTERVAL_HEADER = "Trellis-Heartbeat-Interval-Ms";

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-]+");

  private Subjects() {}

  /** The operations a host serves under {@code runtime.host.{id}}. */
  public enum HostOperation {
    HEARTBEAT("heartbeat"),
    WORKLOAD_START("workload.start"),
    WORKLOAD_STOP("workload.stop"),
    WORKLOAD_STATUS("workload.status");

    private final String suffix;

    HostOperation(String suffix) {
      this.suffix = suffix;
    }

    /** The subject suffix after {@code runtime.host.{id}.}. */
    public String suffix() {
      return suffix;
    }
  }

  /** {@code runtime.host.{hostId}.{operation}}. */
  public static String hostApi(String hostId, HostOperation operation) {
    return HOST_API_PREFIX + "." + token("host id", hostId) + "." + operation.suffix();
  }

  /** {@code runtime.operator.heartbeat.{hostId}}. */
  public static String heartbeat(String hostId) {
    return OPERATOR_PREFIX + ".heartbeat." + token("host id", hostId);
  }

  /** The host id at the end of a heartbeat subject, or the subject itself if it has no prefix. */
  public static String hostIdOfHeartbeat(String subject) {
    String prefix = OPERATOR_PREFIX + ".heartbeat.";
    return subject.startsWith(prefix) ? subject.substring(prefix.length()) : subject;
  }

  /**
   * Checks that {@code value} can stand as one subject token: letters, digits, {@code -} and {@code
   * _}; wildcards, dots and whitespace would let one name address another's subjects.
   */
  public static String token(String what, String value) {
    if (value == null || !TOKEN.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + value
              + "' is not a valid subject token (letters, digits, '-' and '_' only)");
    }
    return value;
  }

  /** Whether {@code value} is a valid single subject token. */
  public static boolean isToken(String value) {
    return value != null && TOKEN.matcher(value).matches();
  }
}
