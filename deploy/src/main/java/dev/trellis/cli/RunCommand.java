package dev.trellis.cli;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.ComponentDefinition;
import dev.trellis.host.engine.ComponentFunction;
import dev.trellis.host.engine.ComponentInstance;
import dev.trellis.host.engine.ComponentPre;
import dev.trellis.host.engine.EngineOptions;
import dev.trellis.host.engine.Linker;
import dev.trellis.host.http.AllowedHosts;
import dev.trellis.host.http.ComponentHandler;
import dev.trellis.host.http.HttpServerConfig;
import dev.trellis.host.http.OutgoingConfig;
import dev.trellis.host.http.Route;
import dev.trellis.host.http.Router;
import dev.trellis.host.http.TrellisHttpServer;
import dev.trellis.host.http.WasiHttp;
import dev.trellis.host.wasi.Wasi;
import dev.trellis.host.wasi.WasiContext;
import dev.trellis.wrpc.wit.Wave;
import dev.trellis.wrpc.wit.WaveCall;
import dev.trellis.wrpc.wit.WitValue;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trellis run app.wasm [args...]}: runs a {@code wasi:cli/run} command with stdio wired and
 * its exit code propagated, or, with {@code --invoke 'f(1, 2)'}, calls any export with WAVE
 * arguments and prints the WAVE result, or, with {@code --serve}, serves a {@code
 * wasi:http/incoming-handler} component over HTTP (like {@code wasmtime serve}) until Ctrl-C or
 * SIGTERM. The guest gets only what the flags grant.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run a component: a wasi:cli command, one export with --invoke, or an HTTP handler with"
            + " --serve.")
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "COMPONENT", description = "A component (.wasm) file.")
  Path file;

  @Parameters(
      index = "1..*",
      paramLabel = "ARGS",
      description = "Arguments passed to the command (after its name).")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--invoke",
      paramLabel = "CALL",
      description = "Call one export, e.g. 'add(1, 2)' or 'ns:pkg/iface#func(\"x\")' (WAVE).")
  String invoke;

  @Option(
      names = "--env",
      paramLabel = "NAME=VALUE",
      description = "Give the guest an environment variable (repeatable).")
  Map<String, String> env = new LinkedHashMap<>();

  @Option(
      names = "--dir",
      paramLabel = "HOST::GUEST",
      description = "Grant a host directory at a guest path (repeatable), e.g. ./data::/data.")
  List<String> dirs = new ArrayList<>();

  @Option(
      names = "--trap-unknown-imports",
      description = "Instantiate even if non-WASI imports are unsatisfied; trap only if called.")
  boolean trapUnknownImports;

  @Option(names = "--interpret", description = "Interpret instead of compiling (slower start-up).")
  boolean interpret;

  @Option(
      names = "--serve",
      description =
          "Serve the component's wasi:http/incoming-handler over HTTP (a fresh instance per"
              + " request) until Ctrl-C.")
  boolean serve;

  @Option(
      names = "--addr",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:8080",
      description = "Where --serve listens (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
  String addr;

  @Option(
      names = "--allow-host",
      paramLabel = "HOST",
      description =
          "Let the component send outgoing HTTP requests to HOST (repeatable): a name, a"
              + " '*.domain' wildcard or '*', optionally with ':port'. Default: none.")
  List<String> allowedHosts = new ArrayList<>();

  @Option(
      names = "--request-timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "How long --serve lets one request run (default: ${DEFAULT-VALUE}); then 504.")
  String requestTimeout;

  @Override
  public Integer call() {
    ComponentDefinition definition = InspectCommand.load(file, new EngineOptions(interpret));
    WasiContext context = wasiContext();
    if (serve) {
      return serve(definition, context);
    }
    Linker linker = Wasi.addTo(Linker.create(), context).withTrapUnknownImports(trapUnknownImports);
    ComponentInstance instance = linker.instantiate(definition, Wasi.hostState(context));
    try {
      if (invoke != null) {
        invoke(instance);
        return 0;
      }
      if (instance.function("wasi:cli/run#run").isEmpty()) {
        throw new HostException(
            file
                + " is not a command (it exports no wasi:cli/run); call one of its exports with"
                + " --invoke, e.g. --invoke '"
                + instance.exports().keySet().stream().findFirst().orElse("f")
                + "(...)'");
      }
      return Wasi.runCommand(instance);
    } finally {
      System.out.flush();
    }
  }

  private int serve(ComponentDefinition definition, WasiContext context) {
    Linker linker =
        WasiHttp.addTo(
                Wasi.addTo(Linker.create(), context),
                OutgoingConfig.of(new AllowedHosts(allowedHosts)))
            .withTrapUnknownImports(trapUnknownImports);
    ComponentPre pre = linker.prepare(definition);
    if (pre.instantiate().function("wasi:http/incoming-handler#handle").isEmpty()) {
      throw new HostException(
          file + " does not export wasi:http/incoming-handler, so it cannot be served");
    }
    Router router = new Router();
    router.register(
        Route.ANY, ComponentHandler.builder(pre).deadline(Durations.parse(requestTimeout)).build());
    Foreground foreground = new Foreground();
    // Registered first so it runs last, inside the shutdown hook: after SIGTERM the JVM halts as
    // soon as its hooks finish, so a message printed by the main thread afterwards may be lost.
    foreground.own(() -> System.err.println("Stopped serving " + file.getFileName() + "."));
    try {
      TrellisHttpServer server =
          foreground.own(TrellisHttpServer.start(HttpServerConfig.of(address(addr)), router));
      System.out.println("Serving HTTP on " + server.uri());
      System.out.flush();
      System.err.println("Ctrl-C to stop.");
    } catch (RuntimeException e) {
      foreground.closeAll();
      throw e;
    }
    foreground.awaitShutdown();
    return 0;
  }

  private static InetSocketAddress address(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("--addr " + text + ": expected HOST:PORT");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new InetSocketAddress(host, Integer.parseInt(text.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--addr " + text + ": " + e.getMessage(), e);
    }
  }

  private WasiContext wasiContext() {
    List<String> argv = new ArrayList<>();
    argv.add(file.getFileName().toString());
    argv.addAll(args);
    WasiContext.Builder builder =
        WasiContext.builder()
            .arguments(argv)
            .env(env)
            .stdin(System.in)
            .stdout(System.out)
            .stderr(System.err);
    for (String dir : dirs) {
      int separator = dir.indexOf("::");
      Path host = Path.of(separator < 0 ? dir : dir.substring(0, separator));
      String guest = separator < 0 ? dir : dir.substring(separator + 2);
      if (!Files.isDirectory(host)) {
        throw new IllegalArgumentException("--dir " + dir + ": " + host + " is not a directory");
      }
      builder.preopen(host, guest);
    }
    return builder.build();
  }

  private void invoke(ComponentInstance instance) {
    WaveCall call = Wave.splitCall(invoke);
    ComponentFunction function = resolve(instance, call.function());
    List<WitValue> arguments = call.arguments(function.paramTypes());
    Optional<WitValue> result = function.call(arguments);
    System.out.flush();
    result.ifPresent(value -> System.out.println(Wave.print(value)));
  }

  /** The export named exactly, or the only export whose function name is {@code name}. */
  static ComponentFunction resolve(ComponentInstance instance, String name) {
    Optional<ComponentFunction> exact = instance.function(name);
    if (exact.isPresent()) {
      return exact.get();
    }
    List<String> candidates =
        instance.exports().keySet().stream().filter(export -> export.endsWith("#" + name)).toList();
    if (candidates.size() == 1) {
      return instance.exports().get(candidates.get(0));
    }
    if (candidates.isEmpty()) {
      throw new HostException(
          "no export named '"
              + name
              + "'; exports: "
              + String.join(", ", instance.exports().keySet()));
    }
    throw new HostException(
        "'" + name + "' is ambiguous; name one of: " + String.join(", ", candidates));
  }
}
