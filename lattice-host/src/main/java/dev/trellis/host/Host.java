package dev.trellis.host;

import com.google.protobuf.Timestamp;
import dev.trellis.proto.TrellisVersion;
import dev.trellis.proto.v2.HostHeartbeat;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStatusRequest;
import dev.trellis.proto.v2.WorkloadStopRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host's own state and its answers to the Host API, independent of NATS so embedders can use it
 * directly. It holds no workloads yet: start requests are refused with an ERROR status that says
 * so, and stop/status of any id answer NOT_FOUND.
 */
public final class Host implements HostApi {
  private static final Logger LOG = LoggerFactory.getLogger(Host.class);

  private final HostConfig config;
  private final Clock clock;
  private final Instant startedAt;
  private final HostFacts facts = new HostFacts();
  private final Map<String, String> labels;

  public Host(HostConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.startedAt = clock.instant();
    Map<String, String> all = new TreeMap<>(config.labels());
    all.putAll(HostFacts.builtInLabels());
    this.labels = Map.copyOf(all);
  }

  /** This host's configuration. */
  public HostConfig config() {
    return config;
  }

  /** Every label: the user's plus the built-in {@code hostcore.*} ones. */
  public Map<String, String> labels() {
    return labels;
  }

  /** When this host started. */
  public Instant startedAt() {
    return startedAt;
  }

  @Override
  public HostHeartbeat heartbeat() {
    return HostHeartbeat.newBuilder()
        .setId(config.hostId())
        .setHostname(facts.hostname())
        .setFriendlyName(config.friendlyName())
        .setVersion(TrellisVersion.current())
        .putAllLabels(labels)
        .setStartedAt(
            Timestamp.newBuilder()
                .setSeconds(startedAt.getEpochSecond())
                .setNanos(startedAt.getNano()))
        .setOsArch(HostFacts.osArch())
        .setOsName(HostFacts.osName())
        .setOsKernel(HostFacts.kernel())
        .setSystemCpuUsage(HostFacts.cpuUsagePercent())
        .setSystemMemoryTotal(HostFacts.memoryTotal())
        .setSystemMemoryFree(HostFacts.memoryFree())
        .setComponentCount(0)
        .setWorkloadCount(0)
        .setHttpPort(config.httpPort())
        .setEnvironment(config.environment())
        .build();
  }

  @Override
  public WorkloadStatus start(WorkloadStartRequest request) {
    String id = request.getWorkloadId();
    LOG.warn(
        "workload_start_refused host_id={} workload_id={} reason=no_component_engine",
        config.hostId(),
        id);
    return status(
        id,
        WorkloadState.WORKLOAD_STATE_ERROR,
        "host "
            + config.hostId()
            + " cannot start workload '"
            + id
            + "': this host build has no component engine, so it runs no workloads");
  }

  @Override
  public WorkloadStatus stop(WorkloadStopRequest request) {
    return notFound(request.getWorkloadId());
  }

  @Override
  public WorkloadStatus status(WorkloadStatusRequest request) {
    return notFound(request.getWorkloadId());
  }

  /** How long this host has run, as of the injected clock. */
  public java.time.Duration uptime() {
    return java.time.Duration.between(startedAt, clock.instant());
  }

  private WorkloadStatus notFound(String workloadId) {
    return status(
        workloadId,
        WorkloadState.WORKLOAD_STATE_NOT_FOUND,
        "no workload '" + workloadId + "' on host " + config.hostId());
  }

  private static WorkloadStatus status(String id, WorkloadState state, String message) {
    return WorkloadStatus.newBuilder()
        .setWorkloadId(id)
        .setWorkloadState(state)
        .setMessage(message)
        .build();
  }
}
