package dev.trellis.host.wasi;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.ComponentInstance;
import dev.trellis.host.engine.ComponentTrapException;
import dev.trellis.host.engine.Linker;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.HostState;
import dev.trellis.wrpc.wit.WitValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * WASI 0.2 as host interfaces: the entry point embedders use. The interfaces are provided at
 * version {@value #VERSION}; the linker's semver matching serves every import from {@code 0.2.0} to
 * {@code 0.2.x} with them. {@code wasi:sockets} is deliberately absent, so a component that imports
 * it fails to link with a message naming the import.
 *
 * <pre>{@code
 * WasiContext ctx = WasiContext.builder().arguments("app", "--flag").stdout(out).build();
 * ComponentPre pre = Wasi.addTo(Linker.create()).prepare(definition);   // once
 * int code = Wasi.runCommand(pre.instantiate(Wasi.hostState(ctx)));     // per run
 * }</pre>
 */
public final class Wasi {
  /** The WASI version the interfaces are named with. */
  public static final String VERSION = "0.2.12";

  private Wasi() {}

  /**
   * Every WASI interface, reading each instance's {@link WasiContext} from its host state (see
   * {@link #hostState}); a WASI call from an instance without one traps with a message saying so.
   */
  public static List<HostInterface> interfaces() {
    return build(Optional.empty());
  }

  /**
   * Every WASI interface, using {@code context} for instances whose host state has no {@link
   * WasiContext} of their own.
   */
  public static List<HostInterface> interfaces(WasiContext context) {
    return build(Optional.of(context));
  }

  /** {@code linker} also serving every WASI interface (contexts from host state). */
  public static Linker addTo(Linker linker) {
    return linker.withHostInterfaces(interfaces());
  }

  /** {@code linker} also serving every WASI interface, with {@code context} as the default. */
  public static Linker addTo(Linker linker, WasiContext context) {
    return linker.withHostInterfaces(interfaces(context));
  }

  /** A fresh host state carrying {@code context}, for {@code ComponentPre.instantiate(state)}. */
  public static HostState hostState(WasiContext context) {
    return HostState.create().put(WasiContext.class, context);
  }

  /**
   * Runs a command's {@code wasi:cli/run#run} export and returns its exit code: 0 for {@code ok}, 1
   * for {@code err}, or the code the guest passed to {@code wasi:cli/exit}.
   *
   * @throws HostException if the component exports no {@code wasi:cli/run}
   * @throws ComponentTrapException if the guest trapped for another reason
   */
  public static int runCommand(ComponentInstance instance) {
    try {
      Optional<WitValue> result = instance.invoke("wasi:cli/run#run", List.of());
      return result.isPresent() && result.get() instanceof WitValue.ResultValue r && r.isOk()
          ? 0
          : 1;
    } catch (ComponentTrapException e) {
      return exitCode(e).orElseThrow(() -> e);
    }
  }

  /** The exit code if {@code failure} (or one of its causes) is a {@code wasi:cli/exit}. */
  public static Optional<Integer> exitCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof WasiExitException exit) {
        return Optional.of(exit.code());
      }
    }
    return Optional.empty();
  }

  private static List<HostInterface> build(Optional<WasiContext> fallback) {
    List<HostInterface> out = new ArrayList<>();
    out.add(WasiIo.error(VERSION));
    out.add(WasiIo.poll(VERSION, fallback));
    out.add(WasiIo.streams(VERSION));
    out.addAll(WasiCli.interfaces(VERSION, fallback));
    out.addAll(WasiClocks.interfaces(VERSION, fallback));
    out.addAll(WasiRandom.interfaces(VERSION, fallback));
    out.addAll(WasiFilesystem.interfaces(VERSION, fallback));
    out.addAll(WasiSockets.interfaces(VERSION));
    return List.copyOf(out);
  }
}
