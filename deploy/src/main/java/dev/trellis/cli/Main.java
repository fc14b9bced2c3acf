package dev.trellis.cli;

/**
 * Entry point of the {@code trellis} command. Sets the log level before any logger exists (client
 * commands log only warnings, servers log info) and hands over to picocli.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (System.getenv("TRELLIS_LOG_LEVEL") == null
        && System.getProperty("TRELLIS_LOG_LEVEL") == null) {
      boolean server =
          args.length > 0
              && (args[0].equals("up") || args[0].equals("host") || args[0].equals("scheduler"));
      System.setProperty("TRELLIS_LOG_LEVEL", server ? "INFO" : "WARN");
    }
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    return TrellisCommand.commandLine().execute(args);
  }
}
