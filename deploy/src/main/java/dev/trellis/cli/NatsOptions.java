package dev.trellis.cli;

import dev.trellis.nats.NatsClientConfig;
import picocli.CommandLine.Option;

/** The {@code --nats} flag of every command that talks to an existing lattice. */
final class NatsOptions {
  @Option(
      names = "--nats",
      defaultValue = "${env:TRELLIS_NATS_URL:-nats://127.0.0.1:4222}",
      description = "NATS server URL(s), comma-separated (default: ${DEFAULT-VALUE}).")
  String url;

  NatsClientConfig config(String connectionName) {
    return NatsClientConfig.of(url, connectionName);
  }
}
