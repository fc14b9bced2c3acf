package dev.trellis.cli;

import dev.trellis.nats.NatsClientConfig;
import dev.trellis.nats.NatsCredentialSettings;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --nats} flag and the NATS credential and TLS flags of every command that talks to an
 * existing lattice. Each flag has a {@code TRELLIS_NATS_*} environment default; secrets are only
 * ever given as files.
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
      description = "NATS .creds file (user JWT and seed). Env: TRELLIS_NATS_CREDS.")
  Path creds;

  @Option(
      names = "--nats-nkey",
      paramLabel = "FILE",
      defaultValue = "${env:TRELLIS_NATS_NKEY}",
      description = "File with a NATS NKey user seed (SU...). Env: TRELLIS_NATS_NKEY.")
  Path nkey;

  @Option(
      names = "--nats-user",
      paramLabel = "NAME",
      defaultValue = "${env:TRELLIS_NATS_USER}",
      description = "NATS user name; needs --nats-password-file. Env: TRELLIS_NATS_USER.")
  String user;

  @Option(
      names = "--nats-password-file",
      paramLabel = "FILE",
      defaultValue = "${env:TRELLIS_NATS_PASSWORD_FILE}",
      description = "File with the NATS user's password. Env: TRELLIS_NATS_PASSWORD_FILE.")
  Path passwordFile;

  @Option(
      names = "--nats-token-file",
      paramLabel = "FILE",
      defaultValue = "${env:TRELLIS_NATS_TOKEN_FILE}",
      description = "File with a NATS token. Env: TRELLIS_NATS_TOKEN_FILE.")
  Path tokenFile;

  @Option(
      names = "--nats-tls-ca",
      paramLabel = "FILE",
      defaultValue = "${env:TRELLIS_NATS_TLS_CA}",
      description = "PEM CA bundle to verify the NATS server with. Env: TRELLIS_NATS_TLS_CA.")
  Path tlsCa;

  @Option(
      names = "--nats-tls-cert",
      paramLabel = "FILE",
      defaultValue = "${env:TRELLIS_NATS_TLS_CERT}",
      description =
          "PEM client certificate for NATS; needs --nats-tls-key. Env: TRELLIS_NATS_TLS_CERT.")
  Path tlsCert;

  @Option(
      names = "--nats-tls-key",
      paramLabel = "FILE",
      defaultValue = "${env:TRELLIS_NATS_TLS_KEY}",
      description = "PEM (PKCS#8) key of the client certificate. Env: TRELLIS_NATS_TLS_KEY.")
  Path tlsKey;

  /**
   * The connection settings these flags describe.
   *
   * @throws UsageException naming both flags of a conflicting combination
   */
  NatsClientConfig config(String connectionName) {
    NatsCredentialSettings settings =
        new NatsCredentialSettings(
            Optional.ofNullable(creds),
            Optional.ofNullable(nkey),
            Optional.ofNullable(user).filter(u -> !u.isBlank()),
            Optional.ofNullable(passwordFile),
            Optional.ofNullable(tokenFile),
            Optional.ofNullable(tlsCa),
            Optional.ofNullable(tlsCert),
            Optional.ofNullable(tlsKey));
    try {
      return settings.applyTo(
          NatsClientConfig.of(url, connectionName), NatsCredentialSettings.Setting::flag);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }
}
