package dev.trellis.cli;

import dev.trellis.proto.TrellisVersion;
import picocli.CommandLine.Command;

/** {@code trellis version}: which Trellis and which Java runs. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print the Trellis version.")
final class VersionCommand implements Runnable {
  @Override
  public void run() {
    System.out.println(line());
  }

  static String line() {
    return "trellis "
        + TrellisVersion.current()
        + " (java "
        + Runtime.version()
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch")
        + ")";
  }
}
