package dev.trellis.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.nats.NatsCredentialSettings.Setting;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NatsCredentialSettingsTest {
  private static final NatsClientConfig BASE = NatsClientConfig.of("nats://127.0.0.1:4222", "t");

  @Test
  void environmentVariablesBecomeCredentialsAndTls() {
    NatsClientConfig config =
        NatsCredentialSettings.fromEnvironment(
                Map.of(
                    "TRELLIS_NATS_CREDS", "/etc/trellis/host.creds",
                    "TRELLIS_NATS_TLS_CA", "/etc/trellis/ca.pem",
                    "TRELLIS_NATS_TOKEN_FILE", "  "))
            .applyTo(BASE, Setting::env);
    assertEquals(new NatsAuth.CredsFile(Path.of("/etc/trellis/host.creds")), config.auth());
    assertEquals(Optional.of(NatsTls.trusting(Path.of("/etc/trellis/ca.pem"))), config.tls());
  }

  @Test
  void conflictingCombinationsNameBothSettings() {
    var twoWays =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                NatsCredentialSettings.fromEnvironment(
                        Map.of("TRELLIS_NATS_CREDS", "a.creds", "TRELLIS_NATS_TOKEN_FILE", "t"))
                    .applyTo(BASE, Setting::flag));
    assertEquals(
        "--nats-creds and --nats-token-file cannot be used together: choose one way to"
            + " authenticate to NATS",
        twoWays.getMessage());
    var userOnly =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                NatsCredentialSettings.fromEnvironment(Map.of("TRELLIS_NATS_USER", "alice"))
                    .applyTo(BASE, Setting::env));
    assertEquals("TRELLIS_NATS_USER needs TRELLIS_NATS_PASSWORD_FILE", userOnly.getMessage());
    var keyOnly =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                NatsCredentialSettings.fromEnvironment(Map.of("TRELLIS_NATS_TLS_KEY", "k.pem"))
                    .applyTo(BASE, Setting::flag));
    assertEquals("--nats-tls-key needs --nats-tls-cert", keyOnly.getMessage());
  }
}
