package dev.trellis.host.http;

import dev.trellis.host.engine.Linker;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.wasi.Wasi;
import java.util.List;

/**
 * {@code wasi:http} 0.2 as host interfaces: {@code wasi:http/types} and {@code
 * wasi:http/outgoing-handler}, provided at version {@value #VERSION} so that imports from {@code
 * 0.2.0} on link by semver. Bodies use the {@code wasi:io} stream and pollable resources of {@link
 * Wasi}, which the linker must serve too. Serving {@code wasi:http/incoming-handler} exports is the
 * job of {@link ComponentHandler} and {@link TrellisHttpServer}.
 *
 * <pre>{@code
 * Linker linker = WasiHttp.addTo(Wasi.addTo(Linker.create(), ctx),
 *     OutgoingConfig.of(AllowedHosts.of("api.example.com", "*.example.org")));
 * ComponentPre pre = linker.prepare(definition);
 * }</pre>
 */
public final class WasiHttp {
  /** The version the interfaces are named with (the same as the WASI interfaces). */
  public static final String VERSION = Wasi.VERSION;

  private WasiHttp() {}

  /** {@code wasi:http/types} and {@code wasi:http/outgoing-handler} under {@code outgoing}. */
  public static List<HostInterface> interfaces(OutgoingConfig outgoing) {
    return List.of(HttpTypes.types(VERSION), new OutgoingHandler(outgoing).build(VERSION));
  }

  /** {@code linker} also serving the {@code wasi:http} interfaces under {@code outgoing}. */
  public static Linker addTo(Linker linker, OutgoingConfig outgoing) {
    return linker.withHostInterfaces(interfaces(outgoing));
  }
}
