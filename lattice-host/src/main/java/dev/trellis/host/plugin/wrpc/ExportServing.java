package dev.trellis.host.plugin.wrpc;

import dev.trellis.host.engine.ExternItem;
import dev.trellis.host.engine.abi.FunctionSignature;
import dev.trellis.host.plugin.ComponentBinding;
import dev.trellis.host.plugin.ComponentInvoker;
import dev.trellis.host.plugin.PluginException;
import dev.trellis.wrpc.Telemetry;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.nats.WrpcReply;
import dev.trellis.wrpc.nats.WrpcServer;
import dev.trellis.wrpc.nats.WrpcTransportConfig;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a component's exports routed over wRPC so components on other hosts (or any wRPC client)
 * can call them: each function is subscribed on {@code {prefix}.wrpc.0.0.1.{interface}.{func}} in
 * the queue group {@code {prefix}} (replicas share the load), and each call is driven through the
 * workload like any other invocation (a pooled or fresh instance, counted for draining). Serving
 * starts when the workload runs and ends when it stops.
 */
final class ExportServing implements ComponentBinding {
  private static final Logger LOG = LoggerFactory.getLogger(ExportServing.class);
  private static final Duration DRAIN = Duration.ofSeconds(2);

  /** One function to serve: where, and which export of the component it calls. */
  record Export(String prefix, WrpcFunction function, String export) {}

  private final Connection connection;
  private final List<Export> exports;
  private final ComponentInvoker invoker;
  private final String workloadId;
  private final String component;
  private final Telemetry telemetry;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, WrpcServer> servers = new LinkedHashMap<>();
  private boolean stopped;

  private ExportServing(
      Connection connection,
      Telemetry telemetry,
      List<Export> exports,
      ComponentInvoker invoker,
      String workloadId,
      String component) {
    this.connection = connection;
    this.telemetry = telemetry;
    this.exports = List.copyOf(exports);
    this.invoker = invoker;
    this.workloadId = workloadId;
    this.component = component;
  }

  /**
   * The binding serving {@code interfaces} of a component, each under its entry's prefix.
   *
   * @throws PluginException naming the function if one passes handles, futures or streams
   */
  static ExportServing of(
      Connection connection,
      Telemetry telemetry,
      Map<ExternItem.Interface, WrpcEntry> interfaces,
      ComponentInvoker invoker,
      String workloadId,
      String component) {
    List<Export> exports = new ArrayList<>();
    interfaces.forEach(
        (item, entry) -> {
          for (FunctionSignature f : item.functions()) {
            String name = RemoteFunction.functionName(f);
            boolean servable =
                f.paramTypes().stream().allMatch(RemoteInterfaces::servable)
                    && f.results().stream().allMatch(RemoteInterfaces::servable);
            if (!servable) {
              throw new PluginException(
                  "export "
                      + item.name()
                      + "#"
                      + name
                      + " passes a resource handle, future or stream, which the wRPC plugin does"
                      + " not serve");
            }
            exports.add(
                new Export(
                    entry.prefix(),
                    WrpcFunction.of(item.name(), name, f.paramTypes(), f.results()),
                    item.name() + "#" + name));
          }
        });
    return new ExportServing(connection, telemetry, exports, invoker, workloadId, component);
  }

  @Override
  public void start() {
    lock.lock();
    try {
      if (stopped) {
        return;
      }
      for (Export e : exports) {
        WrpcServer server =
            servers.computeIfAbsent(
                e.prefix(),
                p ->
                    WrpcServer.create(
                        connection, WrpcTransportConfig.of(p).withQueueGroup(p), telemetry));
        server.serve(
            e.function(),
            call ->
                WrpcReply.of(
                    invoker.invoke(e.export(), call.params()).map(List::of).orElse(List.of())));
        LOG.debug(
            "wrpc_export_serving workload_id={} component={} subject={}",
            workloadId,
            component,
            e.function().subject(e.prefix()));
      }
      LOG.info(
          "wrpc_exports_serving workload_id={} component={} prefixes={} functions={}",
          workloadId,
          component,
          servers.keySet(),
          exports.size());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void stop() {
    lock.lock();
    try {
      stopped = true;
      for (Map.Entry<String, WrpcServer> s : servers.entrySet()) {
        try {
          s.getValue().drain(DRAIN);
          s.getValue().close();
        } catch (RuntimeException e) {
          LOG.warn(
              "wrpc_export_stop_failed workload_id={} component={} prefix={} error={}",
              workloadId,
              component,
              s.getKey(),
              e.toString());
        }
      }
      servers.clear();
    } finally {
      lock.unlock();
    }
    LOG.info(
        "wrpc_exports_stopped workload_id={} component={} functions={}",
        workloadId,
        component,
        exports.size());
  }
}
