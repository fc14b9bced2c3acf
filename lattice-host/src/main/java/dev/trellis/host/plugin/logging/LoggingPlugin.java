package dev.trellis.host.plugin.logging;

import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.host.plugin.ComponentIdentity;
import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.PluginWorld;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * {@code wasi:logging/logging@0.1.0-draft} to SLF4J: each {@code log(level, context, message)}
 * becomes one event on the logger {@value #LOGGER} with the workload, component and context as
 * fields. {@code critical} is logged as ERROR (SLF4J has nothing above it).
 */
public final class LoggingPlugin implements HostPlugin {
  /** This plugin's id. */
  public static final String ID = "wasi-logging";

  /** The logger guest log events go to. */
  public static final String LOGGER = "dev.trellis.guest.log";

  /** The interface served. */
  public static final String INTERFACE = "wasi:logging/logging@0.1.0-draft";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private final List<HostInterface> interfaces =
      List.of(HostInterface.builder(INTERFACE).action("log", LoggingPlugin::log).build());

  @Override
  public String id() {
    return ID;
  }

  @Override
  public PluginWorld world() {
    return PluginWorld.of(List.of(INTERFACE), List.of());
  }

  @Override
  public List<HostInterface> hostInterfaces() {
    return interfaces;
  }

  private static void log(CallContext ctx, List<WitValue> args) {
    Level level = level(((WitValue.EnumValue) args.get(0)).caseName());
    if (!LOG.isEnabledForLevel(level)) {
      return;
    }
    ComponentIdentity who =
        ctx.state()
            .find(ComponentIdentity.class)
            .orElse(new ComponentIdentity("", "", ctx.componentName()));
    LOG.atLevel(level)
        .log(
            "guest_log workload_id={} component={} context={} message={}",
            who.workloadId(),
            who.component(),
            WitArgs.string(args.get(1)),
            WitArgs.string(args.get(2)));
  }

  /** The SLF4J level of a {@code wasi:logging} level. */
  static Level level(String witLevel) {
    return switch (witLevel) {
      case "trace" -> Level.TRACE;
      case "debug" -> Level.DEBUG;
      case "info" -> Level.INFO;
      case "warn" -> Level.WARN;
      default -> Level.ERROR;
    };
  }
}
