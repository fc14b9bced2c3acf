package dev.trellis.cli;

import dev.trellis.nats.NatsClientConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --nats} flag of every command that talks to an existing lattice, and the credential
 * and TLS flags that lock the connection down (each also read from a {@code TRELLIS_NATS_*}
 * variable).
 */
final class NatsOptions {
  @Option(
      names = "--nats",
      defaultValue = "${env:TRELLIS_NATS_URL:-nats://127.0.0.1:4222}",
      description = "NATS server URL(s), comma-separated (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--nats-creds",
      paramLabel = "FILE",
      defaultValue = "${env:TRELLIS_NATS_CREDS}",
      description = "NATS credentials file (user JWT and seed). Env: TRELLIS_NATS_CREDS.")
  Path credsFile;

  @Option(
      names = "--nats-nkey",
      paramLabel = "FILE",
      defaultValue = "${env:TRELLIS_NATS_NKEY}",
      description = "File holding an NKey user seed. Env: TRELLIS_NATS_NKEY.")
  Path nkeyFile;

  @Option(
      names = "--nats-user",
      paramLabel = "NAME",
      defaultValue = "${env:TRELLIS_NATS_USER}",
      description = "NATS user name; the password comes from --nats-password-file.")
  String user;

  @Option(
      names = "--nats-password-file",
      paramLabel = "FILE",
      defaultValue = "${env:TRELLIS_NATS_PASSWORD_FILE}",
      description = "File holding the NATS password. Env: TRELLIS_NATS_PASSWORD_FILE.")
  Path passwordFile;

  @Option(
      names = "--nats-token-file",
      paramLabel = "FILE",
      defaultValue = "${env:TRELLIS_NATS_TOKEN_FILE}",
      description = "File holding a NATS authentication token. Env: TRELLIS_NATS_TOKEN_FILE.")
  Path tokenFile;

  @Option(
      names = "--nats-tls-ca",
      paramLabel = "FILE",
      defaultValue = "${env:TRELLIS_NATS_TLS_CA}",
      description = "PEM file of the CA that signed the NATS servers' certificates.")
  Path tlsCa;

  @Option(
      names = "--nats-tls-cert",
      paramLabel = "FILE",
      defaultValue = "${env:TRELLIS_NATS_TLS_CERT}",
      description = "PEM client certificate, for servers that verify clients.")
  Path tlsCert;

  @Option(
      names = "--nats-tls-key",
      paramLabel = "FILE",
      defaultValue = "${env:TRELLIS_NATS_TLS_KEY}",
      description = "PEM private key of --nats-tls-cert.")
  Path tlsKey;

  NatsClientConfig config(String connectionName) {
    return NatsClientConfig.of(url, connectionName);
  }
}
