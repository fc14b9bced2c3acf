package dev.trellis.host.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.HostException;
import dev.trellis.wrpc.wit.WitValue;
import org.junit.jupiter.api.Test;

/** {@code wasi:sockets} links but grants nothing. */
class SocketsTest {
  private static final WitValue DENIED = WitValue.err(WitValue.enumCase("access-denied"));

  @Test
  void creatingSocketsAndResolvingNamesIsDenied() {
    HostCalls c = new HostCalls(WasiContext.empty());
    WitValue network = c.call("wasi:sockets/instance-network", "instance-network");
    assertInstanceOf(WitValue.HandleValue.class, network);
    assertEquals(
        DENIED,
        c.call("wasi:sockets/tcp-create-socket", "create-tcp-socket", WitValue.enumCase("ipv4")));
    assertEquals(
        DENIED,
        c.call("wasi:sockets/udp-create-socket", "create-udp-socket", WitValue.enumCase("ipv6")));
    assertEquals(
        DENIED,
        c.call(
            "wasi:sockets/ip-name-lookup",
            "resolve-addresses",
            network,
            WitValue.string("example.com")));
  }

  @Test
  void socketMethodsAreUnreachableAndTrapWithAForgedHandle() {
    HostCalls c = new HostCalls(WasiContext.empty());
    WitValue network = c.call("wasi:sockets/instance-network", "instance-network");
    HostException e =
        assertThrows(
            HostException.class,
            () -> c.call("wasi:sockets/tcp", "[method]tcp-socket.start-listen", network));
    assertTrue(e.getMessage().contains("wasi:sockets is denied"), e.getMessage());
  }
}
