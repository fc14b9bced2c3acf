package dev.trellis.proto;

import java.util.regex.Pattern;

/**
 * Every NATS subject and JetStream name the lattice uses, built in one place so hosts, schedulers,
 * providers and the CLI can never disagree on spelling. Host API subjects follow wasmCloud V2
 * ({@code runtime.host.{id}.*}, {@code runtime.operator.heartbeat.{id}}); scheduler API subjects,
 * status subjects and manifest storage follow wadm ({@code wadm.api.{lattice}.model.*}).
 *
 * <p>Lattices sharing one NATS account are kept apart by subject: the host-side subjects of the
 * {@value #DEFAULT_LATTICE} lattice are exactly wasmCloud V2's, those of any other lattice {@code
 * L} carry the prefix {@code L.} ({@code L.runtime.host.{id}.workload.start}, {@code
 * L.runtime.operator.heartbeat.{id}}) and are kept in their own heartbeat stream. Hard isolation
 * between tenants comes from NATS accounts, whose subjects never meet.
 */
public final class Subjects {
  /** The lattice whose host subjects carry no prefix (wasmCloud V2's own subjects). */
  public static final String DEFAULT_LATTICE = "default";

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

  /** Prefix of wadm's scheduler API: {@code wadm.api.{lattice}.model.{op}[.{name}]}. */
  public static final String SCHEDULER_API_PREFIX = "wadm.api";

  /** Queue group shared by every scheduler replica serving the scheduler API (as wadm). */
  public static final String SCHEDULER_QUEUE_GROUP = "wadm_server";

  /**
   * JetStream KV bucket holding the manifests, as wadm: key {@link #manifestKey} per application
   * (every stored version plus {@code deployed_version}), key {@link #manifestIndexKey} per lattice
   * (the sorted names of its applications).
   */
  public static final String MANIFEST_BUCKET = "wadm_manifests";

  /**
   * Prefix of the JetStream KV bucket of a lattice's named configs, {@code CONFIGDATA_{lattice}}
   * (wasmCloud's name): key = config name, value = a JSON object of string values.
   */
  public static final String CONFIG_BUCKET_PREFIX = "CONFIGDATA_";

  /** Prefix of application status updates: {@code wadm.status.{lattice}.{app}} (as wadm). */
  public static final String STATUS_PREFIX = "wadm.status";

  /** Every application status update of every lattice. */
  public static final String ALL_STATUSES = STATUS_PREFIX + ".*.*";

  /**
   * JetStream stream keeping the newest status updates of each application (as wadm's {@code
   * wadm_status}), so any scheduler replica answers {@code model.status} after a restart.
   */
  public static final String STATUS_STREAM = "wadm_status";

  /**
   * Prefix of the scheduler's CloudEvents: {@code trellis.evt.{lattice}.{event}}. Trellis' own
   * prefix, not wadm's {@code wadm.evt}: wadm's {@code manifest_published} means "deployed" and
   * carries the whole manifest, Trellis' events mean what their names say and carry no manifest
   * contents, so wadm consumers must not read them as their own.
   */
  public static final String SCHEDULER_EVENT_PREFIX = "trellis.evt";

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

  /**
   * The operations of wadm's scheduler API under {@code wadm.api.{lattice}.model}. {@code get}
   * without a name lists (the current form); {@code list} is wadm's older listing.
   */
  public enum ModelOperation {
    PUT("put"),
    GET("get"),
    LIST("list"),
    VERSIONS("versions"),
    DEL("del"),
    DEPLOY("deploy"),
    UNDEPLOY("undeploy"),
    STATUS("status");

    private final String token;

    ModelOperation(String token) {
      this.token = token;
    }

    /** The subject token of this operation. */
    public String token() {
      return token;
    }
  }

  /** {@code wadm.api.{lattice}.model}: the prefix of every scheduler API subject of a lattice. */
  public static String schedulerApiPrefix(String lattice) {
    return SCHEDULER_API_PREFIX + "." + token("lattice", lattice) + ".model";
  }

  /** {@code wadm.api.{lattice}.model.>}: what scheduler replicas subscribe to. */
  public static String schedulerApiAll(String lattice) {
    return schedulerApiPrefix(lattice) + ".>";
  }

  /** {@code wadm.api.{lattice}.model.{op}} for operations without an application name. */
  public static String schedulerApi(String lattice, ModelOperation operation) {
    return schedulerApiPrefix(lattice) + "." + operation.token();
  }

  /** {@code wadm.api.{lattice}.model.{op}.{app}}. */
  public static String schedulerApi(String lattice, ModelOperation operation, String app) {
    return schedulerApi(lattice, operation) + "." + token("application name", app);
  }

  /** {@code wadm.status.{lattice}.{app}}. */
  public static String appStatus(String lattice, String app) {
    return STATUS_PREFIX + "." + token("lattice", lattice) + "." + token("application name", app);
  }

  /** {@code trellis.evt.{lattice}.{event}}. */
  public static String schedulerEvent(String lattice, String event) {
    return SCHEDULER_EVENT_PREFIX + "." + token("lattice", lattice) + "." + token("event", event);
  }

  /** {@code trellis.evt.{lattice}.*}: every scheduler event of a lattice. */
  public static String allSchedulerEvents(String lattice) {
    return SCHEDULER_EVENT_PREFIX + "." + token("lattice", lattice) + ".*";
  }

  /** The {@link #MANIFEST_BUCKET} key of an application: {@code {lattice}-{app}} (as wadm). */
  public static String manifestKey(String lattice, String app) {
    return token("lattice", lattice) + "-" + token("application name", app);
  }

  /** The {@link #MANIFEST_BUCKET} key listing a lattice's applications: {@code {lattice}}. */
  public static String manifestIndexKey(String lattice) {
    return token("lattice", lattice);
  }

  /** The KV bucket of {@code lattice}'s named configs: {@code CONFIGDATA_{lattice}}. */
  public static String configBucket(String lattice) {
    return CONFIG_BUCKET_PREFIX + token("lattice", lattice);
  }

  /**
   * What the host-side subjects of {@code lattice} start with: nothing for {@value
   * #DEFAULT_LATTICE}, {@code {lattice}.} otherwise.
   */
  public static String latticePrefix(String lattice) {
    return DEFAULT_LATTICE.equals(token("lattice", lattice)) ? "" : lattice + ".";
  }

  /** {@code runtime.host.{hostId}.{operation}} of the default lattice. */
  public static String hostApi(String hostId, HostOperation operation) {
    return hostApi(DEFAULT_LATTICE, hostId, operation);
  }

  /** {@code [{lattice}.]runtime.host.{hostId}.{operation}}. */
  public static String hostApi(String lattice, String hostId, HostOperation operation) {
    return latticePrefix(lattice)
        + HOST_API_PREFIX
        + "."
        + token("host id", hostId)
        + "."
        + operation.suffix();
  }

  /** {@code runtime.operator.heartbeat.{hostId}} of the default lattice. */
  public static String heartbeat(String hostId) {
    return heartbeat(DEFAULT_LATTICE, hostId);
  }

  /** {@code [{lattice}.]runtime.operator.heartbeat.{hostId}}. */
  public static String heartbeat(String lattice, String hostId) {
    return latticePrefix(lattice) + OPERATOR_PREFIX + ".heartbeat." + token("host id", hostId);
  }

  /** {@code [{lattice}.]runtime.operator.heartbeat.*}: every heartbeat of one lattice. */
  public static String allHeartbeats(String lattice) {
    return latticePrefix(lattice) + ALL_HEARTBEATS;
  }

  /**
   * The stream keeping the newest heartbeats of {@code lattice}: {@value #HEARTBEAT_STREAM} for the
   * default lattice, {@code TRELLIS_HEARTBEATS_{lattice}} for any other.
   */
  public static String heartbeatStream(String lattice) {
    return latticePrefix(lattice).isEmpty() ? HEARTBEAT_STREAM : HEARTBEAT_STREAM + "_" + lattice;
  }

  /** The host id at the end of a heartbeat subject, or the subject itself if it has no prefix. */
  public static String hostIdOfHeartbeat(String subject) {
    return hostIdOfHeartbeat(DEFAULT_LATTICE, subject);
  }

  /** As {@link #hostIdOfHeartbeat(String)} for a heartbeat subject of {@code lattice}. */
  public static String hostIdOfHeartbeat(String lattice, String subject) {
    String prefix = latticePrefix(lattice) + OPERATOR_PREFIX + ".heartbeat.";
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

  // ---- wRPC (bytecodealliance/wrpc NATS transport, protocol wrpc.0.0.1) ----

  /** The protocol token of every wRPC invocation subject. */
  public static final String WRPC_PROTOCOL = "wrpc.0.0.1";

  /**
   * The component-model name annotations wRPC strips from a function name before it becomes the
   * last part of the invocation subject (as wrpc's {@code rpc_func_name}), longest first.
   */
  private static final java.util.List<String> WRPC_FUNC_ANNOTATIONS =
      java.util.List.of(
          "[async method]", "[async static]", "[constructor]", "[method]", "[static]", "[async]");

  /** The host label naming the host group whose wRPC prefix a host calls and serves under. */
  public static final String HOSTGROUP_LABEL = "hostgroup";

  /** The host group of hosts and providers that are not told one. */
  public static final String DEFAULT_HOSTGROUP = "default";

  /**
   * {@code {hostgroup}.{name}}: the wRPC prefix under which the target named {@code name} (a
   * workload entry's {@code wrpc:name}, the id of the component or provider serving it) is invoked
   * and served, so {@code [method]bucket.get} of {@code wasi:keyvalue/store@0.2.0-draft} on target
   * {@code kv} in host group {@code default} travels on {@code
   * default.kv.wrpc.0.0.1.wasi:keyvalue/store@0.2.0-draft.bucket.get}. Hosts, providers and the
   * scheduler all build it here.
   *
   * @throws IllegalArgumentException if either part is not a single subject token
   */
  public static String wrpcPrefix(String hostgroup, String name) {
    return token("host group", hostgroup) + "." + token("wRPC name", name);
  }

  /**
   * Prefix of the periodic health heartbeat a Trellis wRPC provider publishes: {@code
   * trellis.provider.heartbeat.{providerId}} (Trellis' own; wRPC itself defines no health subject).
   */
  public static final String PROVIDER_HEARTBEAT_PREFIX = "trellis.provider.heartbeat";

  /** Every provider's heartbeat. */
  public static final String ALL_PROVIDER_HEARTBEATS = PROVIDER_HEARTBEAT_PREFIX + ".*";

  /**
   * {@code [{prefix}.]wrpc.0.0.1.[{instance}.]{func}}: where a wRPC function is invoked and served.
   * An empty prefix or instance (a world-level function) is left out with its dot, as the Rust
   * transport does; {@code func} loses its {@code [method]}-style annotation, so {@code
   * [method]counter.get} is served as {@code counter.get}. Dots inside the prefix, the instance
   * (versions, e.g. {@code wasi:keyvalue/store@0.2.0-draft}) and the function name are kept.
   */
  public static String wrpcInvocation(String prefix, String instance, String func) {
    String name = wrpcFunctionName(func);
    StringBuilder out = new StringBuilder();
    if (!prefix.isEmpty()) {
      out.append(wrpcPart("wRPC prefix", prefix)).append('.');
    }
    out.append(WRPC_PROTOCOL).append('.');
    if (!instance.isEmpty()) {
      out.append(wrpcPart("wRPC instance", instance)).append('.');
    }
    return out.append(wrpcPart("wRPC function", name)).toString();
  }

  /**
   * A function name without its component-model annotation: {@code [static]r.make} → {@code
   * r.make}.
   */
  public static String wrpcFunctionName(String func) {
    for (String annotation : WRPC_FUNC_ANNOTATIONS) {
      if (func.startsWith(annotation)) {
        return func.substring(annotation.length());
      }
    }
    return func;
  }

  /**
   * {@code {base}.params}: the channel of a call's parameters ({@code base} is the server's R_s).
   */
  public static String wrpcParams(String base) {
    return base + ".params";
  }

  /** {@code {base}.results}: the channel of a call's results ({@code base} is the client's R_c). */
  public static String wrpcResults(String base) {
    return base + ".results";
  }

  /** {@code trellis.provider.heartbeat.{providerId}}. */
  public static String providerHeartbeat(String providerId) {
    return PROVIDER_HEARTBEAT_PREFIX + "." + token("provider id", providerId);
  }

  /**
   * Checks one dotted part of a wRPC subject: non-empty tokens without whitespace or wildcards, so
   * a name can never widen a subscription or address another function.
   */
  private static String wrpcPart(String what, String value) {
    if (value.isEmpty()
        || value.startsWith(".")
        || value.endsWith(".")
        || value.contains("..")
        || value.chars().anyMatch(c -> c <= ' ' || c == '*' || c == '>' || c == 0x7f)) {
      throw new IllegalArgumentException(
          what
              + " '"
              + value
              + "' cannot be part of a NATS subject (empty part, whitespace or wildcard)");
    }
    return value;
  }

  // ---- host events and inventory (Trellis) ----

  /**
   * {@code trellis.evt.{lattice}.{event}}: a host's CloudEvent about one of its workloads ({@code
   * workload_started}, {@code workload_stopped}, {@code workload_failed}), on the same prefix as
   * the scheduler's events so {@link #allSchedulerEvents} subscribers see both.
   */
  public static String hostEvent(String lattice, String event) {
    return SCHEDULER_EVENT_PREFIX + "." + token("lattice", lattice) + "." + token("event", event);
  }

  /**
   * {@code trellis.host.{hostId}.inventory}: Trellis' own request, beside the Host API, answered
   * with the statuses of every workload a host holds (the Host API itself has no listing).
   */
  public static String hostInventory(String hostId) {
    return hostInventory(DEFAULT_LATTICE, hostId);
  }

  /** {@code [{lattice}.]trellis.host.{hostId}.inventory}. */
  public static String hostInventory(String lattice, String hostId) {
    return latticePrefix(lattice) + "trellis.host." + token("host id", hostId) + ".inventory";
  }
}
