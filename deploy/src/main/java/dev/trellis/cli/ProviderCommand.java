package dev.trellis.cli;

import picocli.CommandLine.Command;

/** {@code trellis provider ...}: run one of the built-in capability providers as this process. */
@Command(
    name = "provider",
    mixinStandardHelpOptions = true,
    description = "Run a built-in capability provider that serves a WIT interface over wRPC.",
    subcommands = {KeyValueRedisCommand.class, BlobstoreFsCommand.class})
final class ProviderCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
