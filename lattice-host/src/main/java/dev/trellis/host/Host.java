package dev.trellis.host;

import com.google.protobuf.Timestamp;
import dev.trellis.host.engine.Engine;
import dev.trellis.host.image.ImageFetcher;
import dev.trellis.host.plugin.PluginContext;
import dev.trellis.host.plugin.PluginRegistry;
import dev.trellis.host.plugin.PluginWorld;
import dev.trellis.host.plugin.WitInterfaceSpec;
import dev.trellis.host.workload.ImageLoader;
import dev.trellis.host.workload.NatsWorkloadEvents;
import dev.trellis.host.workload.RunningWorkload;
import dev.trellis.host.workload.WorkloadContext;
import dev.trellis.host.workload.WorkloadEvents;
import dev.trellis.host.workload.WorkloadManager;
import dev.trellis.proto.TrellisVersion;
import dev.trellis.proto.v2.HostHeartbeat;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStatusRequest;
import dev.trellis.proto.v2.WorkloadStopRequest;
import dev.trellis.wrpc.Telemetry;
import io.nats.client.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A host's own state and its answers to the Host API, independent of NATS so embedders can use it
 * directly: it runs workloads (fetching images, loading components once per digest, linking them
 * in-process and to its plugins) and reports them in its heartbeat. Closing it stops every workload
 * and closes its plugins.
 *
 * <pre>{@code
 * try (Host host = Host.builder(HostConfig.generated()).build()) {
 *   WorkloadStatus status = host.start(request);
 *   host.workload(request.getWorkloadId()).orElseThrow().invoke("calc", "...#sum", args);
 * }
 * }</pre>
 */
public final class Host implements HostApi, AutoCloseable {
  private final HostConfig config;
  private final Clock clock;
  private final Instant startedAt;
  private final HostFacts facts = new HostFacts();
  private final Map<String, String> labels;
  private final PluginRegistry plugins;
  private final PluginWorld world;
  private final ImageFetcher fetcher;
  private final WorkloadManager workloads;

  /** A host without NATS and with the plugins found on the class path. */
  public Host(HostConfig config, Clock clock) {
    this(builder(config).clock(clock));
  }

  private Host(Builder b) {
    this.config = b.config;
    this.clock = b.clock;
    this.startedAt = clock.instant();
    Map<String, String> all = new TreeMap<>(config.labels());
    all.putAll(HostFacts.builtInLabels());
    this.labels = Map.copyOf(all);
    this.plugins =
        b.plugins.orElseGet(
            () ->
                PluginRegistry.discover(
                    new PluginContext(
                        config.hostId(),
                        config.lattice(),
                        b.nats,
                        clock,
                        config.httpPort(),
                        config.labels(),
                        config.wrpcTimeout(),
                        b.telemetry)));
    this.world = plugins.world();
    this.fetcher = ImageFetcher.create(config.images());
    WorkloadEvents events =
        b.events.orElseGet(
            () ->
                b.nats
                    .<WorkloadEvents>map(
                        c -> NatsWorkloadEvents.of(c, config.lattice(), config.hostId(), clock))
                    .orElse(WorkloadEvents.NONE));
    WorkloadContext context =
        new WorkloadContext(
            config.hostId(),
            new ImageLoader(fetcher, b.engine.orElseGet(Engine::create)),
            plugins,
            config.scratchDir(),
            b.telemetry);
    this.workloads = new WorkloadManager(config.hostId(), context, events, config.drainTimeout());
  }

  /** Starts building a host with {@code config}. */
  public static Builder builder(HostConfig config) {
    return new Builder(config);
  }

  /** Optional parts of a host; whatever is not given has a default. */
  public static final class Builder {
    private final HostConfig config;
    private Clock clock = Clock.systemUTC();
    private Optional<Connection> nats = Optional.empty();
    private Optional<PluginRegistry> plugins = Optional.empty();
    private Optional<Engine> engine = Optional.empty();
    private Optional<WorkloadEvents> events = Optional.empty();
    private Telemetry telemetry = Telemetry.global();

    private Builder(HostConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Where invocation, HTTP and wRPC metrics and spans go (default: {@link Telemetry#global()} as
     * it is when the builder is made).
     */
    public Builder telemetry(Telemetry value) {
      telemetry = Objects.requireNonNull(value, "telemetry");
      return this;
    }

    /** The clock (default: system UTC). */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The host's NATS connection, which the caller keeps owning: discovered plugins may use it
     * (JetStream key-value, messaging) and workload events are published on it.
     */
    public Builder nats(Connection connection) {
      nats = Optional.of(connection);
      return this;
    }

    /** The plugins (default: every provider on the class path); the host closes them. */
    public Builder plugins(PluginRegistry registry) {
      plugins = Optional.of(registry);
      return this;
    }

    /** The component engine (default: a new compiling engine). */
    public Builder engine(Engine value) {
      engine = Optional.of(value);
      return this;
    }

    /** Where workload events go (default: NATS when given, else nowhere). */
    public Builder events(WorkloadEvents value) {
      events = Optional.of(value);
      return this;
    }

    /** The host. */
    public Host build() {
      return new Host(this);
    }
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

  /** The host's plugins. */
  public PluginRegistry plugins() {
    return plugins;
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
        .setComponentCount(workloads.componentCount())
        .setWorkloadCount(workloads.workloadCount())
        .addAllImports(world.imports().stream().map(WitInterfaceSpec::toProto).toList())
        .addAllExports(world.exports().stream().map(WitInterfaceSpec::toProto).toList())
        .setHttpPort(config.httpPort())
        .setEnvironment(config.environment())
        .build();
  }

  @Override
  public WorkloadStatus start(WorkloadStartRequest request) {
    return workloads.start(request);
  }

  @Override
  public WorkloadStatus stop(WorkloadStopRequest request) {
    return workloads.stop(request.getWorkloadId());
  }

  @Override
  public WorkloadStatus status(WorkloadStatusRequest request) {
    return workloads.status(request.getWorkloadId());
  }

  /** The status of every workload this host holds (Trellis' inventory, beside the Host API). */
  public List<WorkloadStatus> inventory() {
    return workloads.inventory();
  }

  /** The running workload {@code id}, to invoke its components directly. */
  public Optional<RunningWorkload> workload(String id) {
    return workloads.running(id);
  }

  /** How long this host has run, as of the injected clock. */
  public Duration uptime() {
    return Duration.between(startedAt, clock.instant());
  }

  /** Stops every workload (each drained), then closes the plugins and the image fetcher. */
  @Override
  public void close() {
    workloads.close();
    plugins.close();
    fetcher.close();
  }
}
