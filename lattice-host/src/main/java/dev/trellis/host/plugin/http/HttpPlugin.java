package dev.trellis.host.plugin.http;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.http.AllowedHosts;
import dev.trellis.host.http.HttpServerConfig;
import dev.trellis.host.http.OutgoingConfig;
import dev.trellis.host.http.Route;
import dev.trellis.host.http.Router;
import dev.trellis.host.http.TrellisHttpServer;
import dev.trellis.host.http.WasiHttp;
import dev.trellis.host.plugin.BindRequest;
import dev.trellis.host.plugin.ComponentBinding;
import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.PluginException;
import dev.trellis.host.plugin.PluginWorld;
import dev.trellis.wrpc.Telemetry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wasi:http} ({@code dev.trellis.host.http}) for workloads. Components importing {@code
 * wasi:http/outgoing-handler} get one confined to their {@code LocalResources.allowed_hosts}
 * (nothing allowed when empty). Components exporting {@code wasi:http/incoming-handler} are routed
 * on the host's HTTP server while their workload runs, by the config keys {@value #HOST} (a host
 * name or {@code *.domain}; any when unset) and {@value #PATH} (a path prefix, default {@code /}) —
 * the component's {@code LocalResources.config} first, then its {@code wasi:http} entries. Each
 * request runs as one invocation of the workload (pooled or fresh instance, drained on stop) and is
 * interrupted after {@value #REQUEST_TIMEOUT_MS} milliseconds (default 60 000), answered 504 if the
 * guest has not answered by then.
 */
public final class HttpPlugin implements HostPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(HttpPlugin.class);

  /** This plugin's id. */
  public static final String ID = "wasi-http";

  /** The config key naming the virtual host a handler serves. */
  public static final String HOST = "host";

  /** The config key naming the path prefix a handler serves. */
  public static final String PATH = "path";

  /** The config key wasmCloud's http-server listens on; hosts serve on their own port instead. */
  public static final String ADDRESS = "address";

  /** The config key bounding how long one request may run in the guest, in milliseconds. */
  public static final String REQUEST_TIMEOUT_MS = "request_timeout_ms";

  private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(60);
  private static final long MAX_REQUEST_TIMEOUT_MS = Duration.ofHours(1).toMillis();

  private final Optional<TrellisHttpServer> server;
  private final List<HostInterface> shared = WasiHttp.interfaces(OutgoingConfig.DENY_ALL);

  private HttpPlugin(Optional<TrellisHttpServer> server) {
    this.server = server;
  }

  /** Outgoing HTTP only: a component exporting an incoming handler is refused. */
  public static HttpPlugin outgoingOnly() {
    return new HttpPlugin(Optional.empty());
  }

  /** Outgoing HTTP and a server on {@code address} (port 0: a free one), closed with the plugin. */
  public static HttpPlugin serving(InetSocketAddress address) {
    return serving(address, Telemetry.global());
  }

  /**
   * {@link #serving(InetSocketAddress)} recording requests (metrics, spans) to {@code telemetry}.
   */
  public static HttpPlugin serving(InetSocketAddress address, Telemetry telemetry) {
    return new HttpPlugin(
        Optional.of(
            TrellisHttpServer.start(HttpServerConfig.of(address), new Router(), telemetry)));
  }

  /** Where the server listens, if this plugin has one. */
  public Optional<InetSocketAddress> address() {
    return server.map(TrellisHttpServer::address);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public PluginWorld world() {
    return PluginWorld.of(
        List.of("wasi:http/types,outgoing-handler@" + WasiHttp.VERSION),
        server.isPresent() ? List.of("wasi:http/incoming-handler@" + WasiHttp.VERSION) : List.of());
  }

  /** Named like the per-component ones, denying every request (what bindings replace). */
  @Override
  public List<HostInterface> hostInterfaces() {
    return shared;
  }

  @Override
  public ComponentBinding bind(BindRequest request) {
    List<HostInterface> outgoing;
    try {
      outgoing =
          WasiHttp.interfaces(
              OutgoingConfig.of(new AllowedHosts(request.component().allowedHosts())));
    } catch (HostException e) {
      throw new PluginException(
          "allowed_hosts of " + request.describe() + ": " + e.getMessage(), e);
    }
    if (request.exports().isEmpty()) {
      return new IncomingRoute(outgoing, Optional.empty(), request, REQUEST_DEADLINE);
    }
    Duration deadline = deadline(request.mergedConfig(), request.describe());
    Router router =
        server
            .map(TrellisHttpServer::router)
            .orElseThrow(
                () ->
                    new PluginException(
                        request.describe()
                            + " exports wasi:http/incoming-handler, but this host serves no"
                            + " HTTP (start it with an HTTP port)"));
    Route route = route(request.mergedConfig(), request.describe());
    noteUnusedAddress(request);
    return new IncomingRoute(
        outgoing, Optional.of(new IncomingRoute.Target(router, route)), request, deadline);
  }

  /**
   * wasmCloud's http-server listens on the link's {@value #ADDRESS}; this host serves every route
   * on its own server, so an address naming another port is logged rather than silently dropped.
   */
  private void noteUnusedAddress(BindRequest request) {
    String address = request.mergedConfig().get(ADDRESS);
    int port = server.map(s -> s.address().getPort()).orElse(0);
    if (address != null && !address.strip().endsWith(":" + port)) {
      LOG.info(
          "http_address_not_used workload_id={} component={} address={} served_on_port={}",
          request.workload().id(),
          request.component().name(),
          address,
          port);
    }
  }

  private static Duration deadline(Map<String, String> config, String who) {
    String text = config.get(REQUEST_TIMEOUT_MS);
    if (text == null) {
      return REQUEST_DEADLINE;
    }
    long millis;
    try {
      millis = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      millis = -1;
    }
    if (millis < 1 || millis > MAX_REQUEST_TIMEOUT_MS) {
      throw new PluginException(
          "config '"
              + REQUEST_TIMEOUT_MS
              + "' of "
              + who
              + ": must be a whole number of milliseconds from 1 to "
              + MAX_REQUEST_TIMEOUT_MS
              + ", got '"
              + text
              + "'");
    }
    return Duration.ofMillis(millis);
  }

  private static Route route(Map<String, String> config, String who) {
    try {
      String path = config.getOrDefault(PATH, "/");
      return new Route(Optional.ofNullable(config.get(HOST)), path);
    } catch (HostException e) {
      throw new PluginException("HTTP route of " + who + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    server.ifPresent(TrellisHttpServer::close);
  }
}
