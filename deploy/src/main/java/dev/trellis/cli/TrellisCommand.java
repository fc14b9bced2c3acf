package dev.trellis.cli;

import dev.trellis.proto.LatticeException;
import dev.trellis.proto.TrellisVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root {@code trellis} command: lists only subcommands that work, turns Trellis' own errors
 * into one clear line on stderr (exit 1) instead of a stack trace.
 */
@Command(
    name = "trellis",
    mixinStandardHelpOptions = true,
    versionProvider = TrellisCommand.Version.class,
    description = "Run WebAssembly components across a lattice of hosts joined by NATS.",
    subcommands = {
      UpCommand.class,
      RunCommand.class,
      HostCommand.class,
      SchedulerCommand.class,
      AppCommand.class,
      ConfigCommand.class,
      GetCommand.class,
      InspectCommand.class,
      WorkloadCommand.class,
      PushCommand.class,
      ProviderCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TrellisCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** How log lines look; read by {@link Main} before logging starts, declared here for help. */
  enum LogFormat {
    text,
    json
  }

  @CommandLine.Option(
      names = "--log-format",
      scope = CommandLine.ScopeType.INHERIT,
      defaultValue = "${env:TRELLIS_LOG_FORMAT:-text}",
      description =
          "Log lines on stderr as text or json (one JSON object per line; default:"
              + " ${DEFAULT-VALUE}). Env: TRELLIS_LOG_FORMAT.")
  LogFormat logFormat;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A command line with Trellis' converters and error handling. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new TrellisCommand());
    commandLine.registerConverter(java.time.Duration.class, Durations::parse);
    // `trellis run app.wasm --flag` passes options it does not know to the guest, as wasmtime does.
    commandLine.getSubcommands().get("run").setUnmatchedOptionsArePositionalParams(true);
    commandLine.setExecutionExceptionHandler(
        (error, cmd, parsed) -> {
          if (error instanceof UsageException) {
            cmd.getErr().println("trellis: " + error.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            return CommandLine.ExitCode.USAGE;
          }
          if (error instanceof LatticeException
              || error instanceof IllegalArgumentException
              || error instanceof dev.trellis.scheduler.SchedulerException
              || error instanceof dev.trellis.host.HostException
              || error instanceof dev.trellis.wrpc.WrpcException
              || error instanceof java.io.UncheckedIOException) {
            cmd.getErr().println("trellis: " + error.getMessage());
            return 1;
          }
          throw error;
        });
    return commandLine;
  }

  /** Supplies {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {VersionCommand.line()};
    }
  }

  static String version() {
    return TrellisVersion.current();
  }
}
