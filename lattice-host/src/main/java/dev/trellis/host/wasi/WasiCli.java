package dev.trellis.host.wasi;

import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.HostResource;
import dev.trellis.wrpc.wit.WitValue;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wasi:cli} 0.2: environment, exit, the standard streams and the terminal interfaces (no
 * standard stream is a terminal, so every {@code get-terminal-*} returns none). What the guest sees
 * comes from its {@link WasiContext}.
 */
final class WasiCli {
  private static final Logger LOG = LoggerFactory.getLogger(WasiCli.class);

  /** {@code wasi:cli/terminal-input.terminal-input}; never handed out. */
  static final HostResource<Object> TERMINAL_INPUT =
      HostResource.of("terminal-input", Object.class);

  /** {@code wasi:cli/terminal-output.terminal-output}; never handed out. */
  static final HostResource<Object> TERMINAL_OUTPUT =
      HostResource.of("terminal-output", Object.class);

  private WasiCli() {}

  /** Every {@code wasi:cli} interface a guest may import, except {@code run} (an export). */
  static List<HostInterface> interfaces(String version, Optional<WasiContext> fallback) {
    String p = "wasi:cli/";
    String v = "@" + version;
    return List.of(
        HostInterface.builder(p + "environment" + v)
            .function("get-environment", (ctx, a) -> environment(ctx(ctx, fallback)))
            .function("get-arguments", (ctx, a) -> arguments(ctx(ctx, fallback)))
            .function(
                "initial-cwd",
                (ctx, a) ->
                    new WitValue.OptionValue(ctx(ctx, fallback).initialCwd().map(WitValue::string)))
            .build(),
        HostInterface.builder(p + "exit" + v)
            .action("exit", (ctx, a) -> exit(ctx, fallback, isOk(a.get(0)) ? 0 : 1))
            .action(
                "exit-with-code",
                (ctx, a) -> exit(ctx, fallback, ((WitValue.U8Value) a.get(0)).value()))
            .build(),
        HostInterface.builder(p + "stdin" + v)
            .function(
                "get-stdin",
                (ctx, a) -> WasiIo.INPUT_STREAM.own(ctx, WasiState.of(ctx, fallback).stdin()))
            .build(),
        HostInterface.builder(p + "stdout" + v)
            .function("get-stdout", (ctx, a) -> output(ctx, ctx(ctx, fallback).stdout(), "stdout"))
            .build(),
        HostInterface.builder(p + "stderr" + v)
            .function("get-stderr", (ctx, a) -> output(ctx, ctx(ctx, fallback).stderr(), "stderr"))
            .build(),
        HostInterface.builder(p + "terminal-input" + v).resource(TERMINAL_INPUT).build(),
        HostInterface.builder(p + "terminal-output" + v).resource(TERMINAL_OUTPUT).build(),
        noTerminal(p + "terminal-stdin" + v, "get-terminal-stdin"),
        noTerminal(p + "terminal-stdout" + v, "get-terminal-stdout"),
        noTerminal(p + "terminal-stderr" + v, "get-terminal-stderr"));
  }

  private static HostInterface noTerminal(String name, String function) {
    return HostInterface.builder(name)
        .function(function, (ctx, a) -> WitValue.OptionValue.NONE)
        .build();
  }

  private static WasiContext ctx(CallContext call, Optional<WasiContext> fallback) {
    return WasiState.of(call, fallback).context();
  }

  private static WitValue environment(WasiContext context) {
    List<WitValue> out = new ArrayList<>(context.environment().size());
    for (Map.Entry<String, String> e : context.environment()) {
      out.add(WitValue.tuple(WitValue.string(e.getKey()), WitValue.string(e.getValue())));
    }
    return new WitValue.ListValue(out);
  }

  private static WitValue arguments(WasiContext context) {
    return new WitValue.ListValue(
        context.arguments().stream().<WitValue>map(WitValue::string).toList());
  }

  private static WitValue output(CallContext ctx, OutputStream out, String name) {
    return WasiIo.OUTPUT_STREAM.own(ctx, new OutputStreamSink(out, name));
  }

  private static boolean isOk(WitValue status) {
    return ((WitValue.ResultValue) status).isOk();
  }

  private static void exit(CallContext call, Optional<WasiContext> fallback, int code) {
    WasiContext context = ctx(call, fallback);
    flushQuietly(context.stdout(), call);
    flushQuietly(context.stderr(), call);
    LOG.debug("wasi exit component={} code={}", call.componentName(), code);
    throw new WasiExitException(code);
  }

  private static void flushQuietly(OutputStream out, CallContext call) {
    try {
      out.flush();
    } catch (IOException e) {
      // the guest is exiting; its output's failure to flush is all that can be reported
      LOG.warn(
          "wasi flush on exit failed component={} error={}", call.componentName(), e.toString());
    }
  }
}
