package dev.trellis.cli;

/**
 * Entry point of the {@code trellis} command. Sets the log level and format before any logger
 * exists (client commands log only warnings, servers log info; {@code --log-format json} or {@code
 * TRELLIS_LOG_FORMAT=json} switch to one JSON object per line) and hands over to picocli.
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
    if (logFormat(args, System.getenv("TRELLIS_LOG_FORMAT")).equals("json")) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
    System.exit(run(args));
  }

  /**
   * The log format the command line asks for: its {@code --log-format} (picocli rejects values
   * other than text and json later), else {@code fromEnvironment}, else text.
   */
  static String logFormat(String[] args, String fromEnvironment) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        break;
      }
      if (args[i].equals("--log-format") && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--log-format=")) {
        return args[i].substring("--log-format=".length());
      }
    }
    return fromEnvironment == null || fromEnvironment.isBlank() ? "text" : fromEnvironment.strip();
  }

  /** Runs one command line and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    return TrellisCommand.commandLine().execute(args);
  }
}
