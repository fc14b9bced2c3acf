package dev.trellis.cli;

import picocli.CommandLine.Command;

/** {@code trellis get ...}: read-only views of the lattice. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Show lattice state.",
    subcommands = {GetHostsCommand.class, GetInventoryCommand.class, GetAppsCommand.class})
final class GetCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
