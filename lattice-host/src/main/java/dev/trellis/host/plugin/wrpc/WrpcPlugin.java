package dev.trellis.host.plugin.wrpc;

import dev.trellis.host.engine.ExternItem;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.plugin.BindRequest;
import dev.trellis.host.plugin.ComponentBinding;
import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.PluginContext;
import dev.trellis.host.plugin.PluginException;
import dev.trellis.host.plugin.PluginWorld;
import dev.trellis.host.plugin.WitInterfaceSpec;
import dev.trellis.proto.Subjects;
import dev.trellis.wrpc.Telemetry;
import dev.trellis.wrpc.nats.WrpcClient;
import dev.trellis.wrpc.nats.WrpcTransportConfig;
import dev.trellis.wrpc.resilience.ResilienceConfig;
import dev.trellis.wrpc.resilience.ResilientWrpcClient;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Satisfies the interfaces a workload routes over wRPC: it claims exactly the entries whose config
 * has {@code wrpc:name}, generates a client implementation for each import they cover ({@link
 * #importInterface}) and serves each export they cover ({@link #bind}), all under the prefix {@code
 * {hostgroup}.{wrpc:name}} where the host group is the host's {@code hostgroup} label ({@code
 * default} when unset). Every call goes through one {@link ResilientWrpcClient} per host: one
 * bulkhead, a circuit breaker per target prefix, the entry's deadline, retries only for functions
 * the entry declares idempotent. A host without NATS refuses such entries, naming the interface.
 */
public final class WrpcPlugin implements HostPlugin {
  /** This plugin's id. */
  public static final String ID = "wrpc";

  private static final Logger LOG = LoggerFactory.getLogger(WrpcPlugin.class);

  private final String hostId;
  private final String hostgroup;
  private final Optional<Connection> nats;
  private final Duration defaultTimeout;
  private final ResilienceConfig resilience;
  private final Telemetry telemetry;
  private final ReentrantLock lock = new ReentrantLock();
  private WrpcClient client;
  private ResilientWrpcClient resilient;

  /**
   * A plugin for the host described by {@code context}, bounding calls with {@code resilience}
   * (whose deadline is replaced by the host's call timeout).
   */
  public WrpcPlugin(PluginContext context, ResilienceConfig resilience) {
    this.hostId = context.hostId();
    this.hostgroup =
        context.labels().getOrDefault(Subjects.HOSTGROUP_LABEL, Subjects.DEFAULT_HOSTGROUP);
    this.nats = context.nats();
    this.defaultTimeout = context.callTimeout();
    this.resilience = Objects.requireNonNull(resilience, "resilience");
    this.telemetry = context.telemetry();
  }

  /**
   * The policies a host uses unless told otherwise: {@link ResilienceConfig#defaults()} with one
   * circuit breaker per target (every function of one provider trips together).
   */
  public static ResilienceConfig defaultResilience() {
    return ResilienceConfig.defaults().withCircuitScope(ResilienceConfig.CircuitScope.TARGET);
  }

  @Override
  public String id() {
    return ID;
  }

  /** Nothing fixed: what it serves depends on each workload's entries. */
  @Override
  public PluginWorld world() {
    return PluginWorld.EMPTY;
  }

  /** The host group whose prefix this host calls and serves under. */
  public String hostgroup() {
    return hostgroup;
  }

  @Override
  public boolean claims(WitInterfaceSpec declared) {
    return declared.isWrpc();
  }

  @Override
  public Optional<HostInterface> importInterface(
      ExternItem.Interface imported, List<WitInterfaceSpec> entries) {
    WitInterfaceSpec spec = entries.get(0);
    Connection connection = requireNats(spec, imported.name());
    WrpcEntry entry = WrpcEntry.of(spec, hostgroup, defaultTimeout);
    ResilientWrpcClient invoker =
        invoker(connection, entry.prefix())
            .withIdempotent(
                entry.idempotency(
                    imported.name(),
                    imported.functions().stream().map(RemoteFunction::functionName).toList()));
    HostInterface generated;
    try {
      generated = RemoteInterfaces.generate(hostId, imported, entry, invoker);
    } catch (PluginException e) {
      throw new PluginException(
          "the workload routes it over wRPC (" + wrpcName(spec) + ") but " + e.getMessage(), e);
    }
    LOG.info(
        "wrpc_import_planned interface={} prefix={} timeout_ms={} functions={}",
        imported.name(),
        entry.prefix(),
        entry.timeout().toMillis(),
        imported.functions().size());
    return Optional.of(generated);
  }

  @Override
  public boolean drivesExport(String export, List<WitInterfaceSpec> claimed) {
    return !claimed.isEmpty();
  }

  @Override
  public ComponentBinding bind(BindRequest request) {
    Map<ExternItem.Interface, WrpcEntry> served = new LinkedHashMap<>();
    for (ExternItem.Interface item : request.exportSignatures()) {
      Optional<WitInterfaceSpec> spec =
          request.interfaces().stream().filter(e -> e.covers(item.name())).findFirst();
      if (spec.isPresent()) {
        requireNats(spec.get(), item.name());
        served.put(item, WrpcEntry.of(spec.get(), hostgroup, defaultTimeout));
      }
    }
    if (served.isEmpty()) {
      return ComponentBinding.NONE;
    }
    return ExportServing.of(
        nats.orElseThrow(),
        telemetry,
        served,
        request.invoker(),
        request.workload().id(),
        request.component().name());
  }

  private Connection requireNats(WitInterfaceSpec spec, String name) {
    return nats.orElseThrow(
        () ->
            new PluginException(
                "the workload routes "
                    + name
                    + " over wRPC ("
                    + wrpcName(spec)
                    + ") but this host has no NATS connection to reach it"));
  }

  private static String wrpcName(WitInterfaceSpec spec) {
    return WitInterfaceSpec.WRPC_NAME + "=" + spec.config().get(WitInterfaceSpec.WRPC_NAME);
  }

  /**
   * The host's resilient client (made on first use) calling under {@code prefix}, sharing its
   * bulkhead and circuit breakers.
   */
  private ResilientWrpcClient invoker(Connection connection, String prefix) {
    lock.lock();
    try {
      if (resilient == null) {
        client =
            WrpcClient.create(
                connection, WrpcTransportConfig.of("").withCallTimeout(defaultTimeout), telemetry);
        resilient = ResilientWrpcClient.wrap(client, resilience.withDeadline(defaultTimeout));
      }
      return resilient.sharing(client.withPrefix(prefix));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (resilient != null) {
        resilient.close();
        client.close();
        resilient = null;
        client = null;
      }
    } finally {
      lock.unlock();
    }
  }
}
