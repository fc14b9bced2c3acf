package dev.trellis.host.wasi;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostFunction;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.HostResource;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wasi:sockets} 0.2, denied: components that import it link (many toolchains import it
 * whether or not the program uses the network), but creating a TCP or UDP socket and resolving a
 * name fail with {@code access-denied}, so no socket, datagram stream or lookup ever exists. The
 * methods of those resources are therefore unreachable and trap if called with a forged handle.
 */
final class WasiSockets {
  private static final Logger LOG = LoggerFactory.getLogger(WasiSockets.class);

  /** The only network: the one a guest gets from {@code instance-network}, which grants nothing. */
  enum DeniedNetwork {
    INSTANCE
  }

  static final HostResource<DeniedNetwork> NETWORK =
      HostResource.of("network", DeniedNetwork.class);

  private static final List<String> TCP_METHODS =
      List.of(
          "start-bind",
          "finish-bind",
          "start-connect",
          "finish-connect",
          "start-listen",
          "finish-listen",
          "accept",
          "local-address",
          "remote-address",
          "is-listening",
          "address-family",
          "set-listen-backlog-size",
          "keep-alive-enabled",
          "set-keep-alive-enabled",
          "keep-alive-idle-time",
          "set-keep-alive-idle-time",
          "keep-alive-interval",
          "set-keep-alive-interval",
          "keep-alive-count",
          "set-keep-alive-count",
          "hop-limit",
          "set-hop-limit",
          "receive-buffer-size",
          "set-receive-buffer-size",
          "send-buffer-size",
          "set-send-buffer-size",
          "subscribe",
          "shutdown");

  private static final List<String> UDP_METHODS =
      List.of(
          "start-bind",
          "finish-bind",
          "stream",
          "local-address",
          "remote-address",
          "address-family",
          "unicast-hop-limit",
          "set-unicast-hop-limit",
          "receive-buffer-size",
          "set-receive-buffer-size",
          "send-buffer-size",
          "set-send-buffer-size",
          "subscribe");

  private WasiSockets() {}

  static List<HostInterface> interfaces(String version) {
    String v = "@" + version;
    HostResource<Object> tcp = unreachable("tcp-socket");
    HostResource<Object> udp = unreachable("udp-socket");
    HostResource<Object> incoming = unreachable("incoming-datagram-stream");
    HostResource<Object> outgoing = unreachable("outgoing-datagram-stream");
    HostResource<Object> lookup = unreachable("resolve-address-stream");
    HostInterface.Builder tcpInterface =
        HostInterface.builder("wasi:sockets/tcp" + v).resource(tcp);
    TCP_METHODS.forEach(m -> tcpInterface.method(tcp, m, unreachableMethod(tcp)));
    HostInterface.Builder udpInterface =
        HostInterface.builder("wasi:sockets/udp" + v)
            .resource(udp)
            .resource(incoming)
            .resource(outgoing)
            .method(incoming, "receive", unreachableMethod(incoming))
            .method(incoming, "subscribe", unreachableMethod(incoming))
            .method(outgoing, "check-send", unreachableMethod(outgoing))
            .method(outgoing, "send", unreachableMethod(outgoing))
            .method(outgoing, "subscribe", unreachableMethod(outgoing));
    UDP_METHODS.forEach(m -> udpInterface.method(udp, m, unreachableMethod(udp)));
    return List.of(
        HostInterface.builder("wasi:sockets/network" + v)
            .resource(NETWORK)
            .function("network-error-code", (ctx, a) -> WitValue.none())
            .build(),
        HostInterface.builder("wasi:sockets/instance-network" + v)
            .function("instance-network", (ctx, a) -> NETWORK.own(ctx, DeniedNetwork.INSTANCE))
            .build(),
        tcpInterface.build(),
        udpInterface.build(),
        HostInterface.builder("wasi:sockets/tcp-create-socket" + v)
            .function("create-tcp-socket", (ctx, a) -> denied(ctx))
            .build(),
        HostInterface.builder("wasi:sockets/udp-create-socket" + v)
            .function("create-udp-socket", (ctx, a) -> denied(ctx))
            .build(),
        HostInterface.builder("wasi:sockets/ip-name-lookup" + v)
            .resource(lookup)
            .function("resolve-addresses", (ctx, a) -> denied(ctx))
            .method(lookup, "resolve-next-address", unreachableMethod(lookup))
            .method(lookup, "subscribe", unreachableMethod(lookup))
            .build());
  }

  private static WitValue denied(CallContext ctx) {
    LOG.info(
        "wasi sockets access denied component={} function={}",
        ctx.componentName(),
        ctx.functionName());
    return WitValue.err(WitValue.enumCase("access-denied"));
  }

  private static HostResource<Object> unreachable(String name) {
    return HostResource.of(name, Object.class);
  }

  private static HostFunction unreachableMethod(HostResource<?> resource) {
    return (ctx, a) -> {
      throw new HostException(
          "wasi:sockets is denied: no "
              + resource.name()
              + " can exist, yet "
              + ctx.functionName()
              + " was called");
    };
  }
}
