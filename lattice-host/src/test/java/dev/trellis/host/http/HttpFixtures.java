package dev.trellis.host.http;

import dev.trellis.host.engine.ComponentDefinition;
import dev.trellis.host.engine.ComponentPre;
import dev.trellis.host.engine.Engine;
import dev.trellis.host.engine.InstanceLimits;
import dev.trellis.host.engine.Linker;
import dev.trellis.host.wasi.Wasi;
import dev.trellis.host.wasi.WasiContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/** The HTTP example components built by examples/build.sh, and servers and clients for them. */
final class HttpFixtures {
  static final Path EXAMPLES = Path.of("..", "examples", "wasm");
  static final Engine ENGINE = Engine.create();
  static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static final ConcurrentHashMap<String, ComponentDefinition> LOADED =
      new ConcurrentHashMap<>();

  private HttpFixtures() {}

  static ComponentDefinition load(String name) {
    return LOADED.computeIfAbsent(
        name,
        n -> {
          try {
            return ENGINE.load(n, Files.readAllBytes(EXAMPLES.resolve(n + ".wasm")));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** {@code name} linked with WASI and wasi:http under {@code outgoing} and {@code limits}. */
  static ComponentPre pre(String name, OutgoingConfig outgoing, InstanceLimits limits) {
    Linker linker = Wasi.addTo(Linker.create(), WasiContext.empty()).withLimits(limits);
    return WasiHttp.addTo(linker, outgoing).prepare(load(name));
  }

  static ComponentPre pre(String name) {
    return pre(name, OutgoingConfig.DENY_ALL, InstanceLimits.NONE);
  }

  /** A server on a free loopback port with {@code router}. */
  static TrellisHttpServer serve(Router router) {
    return TrellisHttpServer.start(HttpServerConfig.of("127.0.0.1", 0), router);
  }

  static URI uri(TrellisHttpServer server, String path) {
    return server.uri().resolve(path);
  }
}
