package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsSecurityFixtures;
import dev.trellis.nats.NatsServer;
import dev.trellis.nats.NatsServerConfig;
import io.nats.client.NKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trellis} processes against a {@code nats-server} in operator mode (decentralized JWT
 * auth): with the right {@code .creds} file a host joins and is listed; with a file the operator
 * never signed it stops at once, says why and exits non-zero, after a single attempt.
 */
class NatsCredentialsIT {
  private static final Duration CLI = Duration.ofSeconds(60);
  @TempDir static Path dir;
  private static NatsServer nats;
  private static Path good;
  private static Path bad;

  @BeforeAll
  static void startNats() {
    NatsSecurityFixtures.Operator operator = new NatsSecurityFixtures.Operator();
    NKey tenant = operator.account("TENANT");
    NKey stranger = new NatsSecurityFixtures.Operator().account("STRANGER");
    nats =
        NatsServer.start(
            NatsServerConfig.local(dir.resolve("nats")).withExtraConfig(operator.serverConfig()),
            line -> {});
    good = NatsSecurityFixtures.creds(tenant, "host", dir.resolve("good.creds"));
    bad = NatsSecurityFixtures.creds(stranger, "host", dir.resolve("bad.creds"));
  }

  @AfterAll
  static void stopNats() {
    nats.close();
  }

  private static long authenticationErrors() throws IOException {
    return Files.readAllLines(nats.logFile()).stream()
        .filter(line -> line.contains("authentication error"))
        .count();
  }

  @Test
  void aHostWithTheRightCredsJoinsAndOneWithWrongCredsIsRefusedWithTheReason() throws Exception {
    try (CliProcess host =
        CliProcess.start(
            dir.resolve("host"),
            Map.of(),
            "host",
            "--nats",
            nats.clientUrl(),
            "--nats-creds",
            good.toString(),
            "--host-id",
            "creds-host",
            "--heartbeat-interval",
            "1s")) {
      host.awaitOutput("joined", CLI);
      // The listing authenticates through the environment variable instead of the flag.
      CliProcess.Result listed =
          CliProcess.run(
              dir.resolve("cli"),
              Map.of("TRELLIS_NATS_CREDS", good.toString()),
              CLI,
              "get",
              "hosts",
              "--nats",
              nats.clientUrl(),
              "-o",
              "json");
      assertEquals(0, listed.exitCode(), listed.stderr());
      var ids = new java.util.ArrayList<String>();
      new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(listed.stdout())
          .forEach(h -> ids.add(h.get("id").asText()));
      assertEquals(java.util.List.of("creds-host"), ids);

      long before = authenticationErrors();
      CliProcess.Result refused =
          CliProcess.run(
              dir.resolve("bad"),
              Map.of(),
              CLI,
              "host",
              "--nats",
              nats.clientUrl(),
              "--nats-creds",
              bad.toString(),
              "--host-id",
              "intruder");
      assertNotEquals(0, refused.exitCode(), refused.stderr());
      assertTrue(
          refused
              .stderr()
              .contains(
                  "trellis: NATS at "
                      + nats.clientUrl()
                      + " refused credentials file "
                      + bad
                      + " (authorization violation)"),
          refused.stderr());
      assertFalse(refused.stderr().contains("SUA"), "no seed is ever printed: " + refused.stderr());
      assertTrue(
          authenticationErrors() - before <= 2,
          "one attempt per server, no retry loop: " + (authenticationErrors() - before));

      CliProcess.Result anonymous =
          CliProcess.run(
              dir.resolve("anon"), Map.of(), CLI, "get", "hosts", "--nats", nats.clientUrl());
      assertEquals(1, anonymous.exitCode(), anonymous.stderr());
      assertTrue(anonymous.stderr().contains("refused no credentials"), anonymous.stderr());
      assertTrue(host.handle().isAlive(), "the joined host keeps running");
    }
  }
}
