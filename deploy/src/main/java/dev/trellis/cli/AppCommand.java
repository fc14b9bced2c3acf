package dev.trellis.cli;

import picocli.CommandLine.Command;

/** {@code trellis app ...}: manage applications through the scheduler API (wadm-compatible). */
@Command(
    name = "app",
    mixinStandardHelpOptions = true,
    description = "Put, deploy, undeploy and inspect applications (wadm manifests).",
    subcommands = {
      AppModelCommands.Put.class,
      AppModelCommands.Deploy.class,
      AppModelCommands.Undeploy.class,
      AppViewCommands.ListApps.class,
      AppStatusCommand.class,
      AppViewCommands.Versions.class,
      AppModelCommands.Delete.class,
      AppModelCommands.Validate.class
    })
final class AppCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
