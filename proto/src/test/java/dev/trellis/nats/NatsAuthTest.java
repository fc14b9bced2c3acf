package dev.trellis.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of NATS credential against a real {@code nats-server} that requires it: the right one
 * connects and can exchange messages; a wrong one is refused at once with the server's reason,
 * never retried and never echoed.
 */
class NatsAuthTest {
  /**
   * Far above a refused handshake on loopback, far below the clients' 30 s connect timeout: a
   * refusal must not wait that timeout out, nor retry.
   */
  private static final Duration REFUSAL_BOUND = Duration.ofSeconds(10);

  @TempDir Path dir;

  private NatsServer server(String name, String config) {
    return NatsServer.start(
        NatsServerConfig.local(dir.resolve(name)).withExtraConfig(config), line -> {});
  }

  private NatsClientConfig client(NatsServer server) {
    return NatsClientConfig.of(server.clientUrl(), "auth-test")
        .withConnectTimeout(Duration.ofSeconds(30));
  }

  private static void assertRoundTrip(Connection connection) throws Exception {
    var subscription = connection.subscribe("auth.check");
    connection.publish("auth.check", "ok".getBytes(StandardCharsets.UTF_8));
    var message = subscription.nextMessage(Duration.ofSeconds(5));
    assertEquals("ok", new String(message.getData(), StandardCharsets.UTF_8));
  }

  /** Runs {@code connect}, expecting a prompt {@link NatsAuthException}; returns its message. */
  private static String refused(Executable connect) {
    long start = System.nanoTime();
    NatsAuthException error = assertThrows(NatsAuthException.class, connect);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(REFUSAL_BOUND) < 0, "refusal took " + took);
    return error.getMessage();
  }

  @Test
  void userAndPasswordFromAFile() throws Exception {
    try (NatsServer server =
        server(
            "userpass",
            "authorization { users: [ {user: alice, password: \"right-pass-123\"} ] }\n")) {
      Path good = NatsSecurityFixtures.write(dir, "good.pass", "right-pass-123\n");
      Path bad = NatsSecurityFixtures.write(dir, "bad.pass", "wrong-pass-456\n");
      try (Connection connection =
          NatsConnector.connect(
              client(server).withAuth(new NatsAuth.UserPassword("alice", good)))) {
        assertRoundTrip(connection);
      }
      String message =
          refused(
              () ->
                  NatsConnector.connect(
                      client(server).withAuth(new NatsAuth.UserPassword("alice", bad))));
      assertTrue(message.contains(server.clientUrl()), message);
      assertTrue(message.contains("authorization violation"), message);
      assertTrue(message.contains("user 'alice'"), message);
      assertFalse(message.contains("wrong-pass-456"), "the password is never echoed: " + message);
      String anonymous = refused(() -> NatsConnector.connect(client(server)));
      assertTrue(anonymous.contains("refused no credentials"), anonymous);
    }
  }

  @Test
  void tokenFromAFile() throws Exception {
    try (NatsServer server = server("token", "authorization { token: \"tok-right-789\" }\n")) {
      Path good = NatsSecurityFixtures.write(dir, "good.token", "tok-right-789");
      Path bad = NatsSecurityFixtures.write(dir, "bad.token", "tok-wrong-000");
      try (Connection connection =
          NatsConnector.connect(client(server).withAuth(new NatsAuth.Token(good)))) {
        assertRoundTrip(connection);
      }
      String message =
          refused(() -> NatsConnector.connect(client(server).withAuth(new NatsAuth.Token(bad))));
      assertTrue(message.contains("authorization violation"), message);
      assertFalse(message.contains("tok-wrong-000"), message);
    }
  }

  @Test
  void nkeySeedFile() throws Exception {
    NKey user = NatsSecurityFixtures.newUser();
    NKey stranger = NatsSecurityFixtures.newUser();
    String config =
        "authorization { users: [ {nkey: " + NatsSecurityFixtures.publicKey(user) + "} ] }\n";
    try (NatsServer server = server("nkey", config)) {
      Path good = NatsSecurityFixtures.write(dir, "user.nk", new String(user.getSeed()) + "\n");
      Path bad = NatsSecurityFixtures.write(dir, "stranger.nk", new String(stranger.getSeed()));
      try (Connection connection =
          NatsConnector.connect(client(server).withAuth(new NatsAuth.NKeySeed(good)))) {
        assertRoundTrip(connection);
      }
      String message =
          refused(() -> NatsConnector.connect(client(server).withAuth(new NatsAuth.NKeySeed(bad))));
      assertTrue(message.contains("authorization violation"), message);
      assertTrue(message.contains("NKey seed file " + bad), message);
      assertFalse(message.contains(new String(stranger.getSeed())), message);
    }
  }

  @Test
  void credsFileAgainstAnOperatorModeServer() throws Exception {
    NatsSecurityFixtures.Operator operator = new NatsSecurityFixtures.Operator();
    NKey account = operator.account("TENANT");
    NKey untrusted = new NatsSecurityFixtures.Operator().account("ELSEWHERE");
    try (NatsServer server = server("operator", operator.serverConfig())) {
      Path good = NatsSecurityFixtures.creds(account, "host", dir.resolve("good.creds"));
      Path bad = NatsSecurityFixtures.creds(untrusted, "host", dir.resolve("bad.creds"));
      try (Connection connection =
          NatsConnector.connect(client(server).withAuth(new NatsAuth.CredsFile(good)))) {
        assertRoundTrip(connection);
        // JetStream works inside the account, as hosts and schedulers need it.
        connection
            .jetStreamManagement()
            .addStream(
                StreamConfiguration.builder()
                    .name("CREDS_CHECK")
                    .subjects("creds.check")
                    .storageType(StorageType.Memory)
                    .build());
      }
      String message =
          refused(
              () -> NatsConnector.connect(client(server).withAuth(new NatsAuth.CredsFile(bad))));
      assertTrue(message.contains("authorization violation"), message);
      assertTrue(message.contains("credentials file " + bad), message);
    }
  }

  @Test
  void tlsWithACustomCaAndClientCertificates() throws Exception {
    NatsSecurityFixtures.Pki pki = NatsSecurityFixtures.Pki.create(dir.resolve("pki"));
    try (NatsServer server = server("tls", pki.serverConfig())) {
      NatsTls tls =
          NatsTls.trusting(pki.ca()).withClientCertificate(pki.clientCert(), pki.clientKey());
      try (Connection connection = NatsConnector.connect(client(server).withTls(tls))) {
        assertRoundTrip(connection);
        assertTrue(connection.getServerInfo().isTLSRequired());
      }
      // The server's certificate is signed by a CA the JDK does not know.
      String untrusted =
          refused(
              () ->
                  NatsConnector.connect(
                      client(server)
                          .withTls(
                              new NatsTls(
                                  Optional.empty(),
                                  Optional.of(pki.clientCert()),
                                  Optional.of(pki.clientKey())))));
      assertTrue(untrusted.contains("TLS handshake with NATS at " + server.clientUrl()), untrusted);

      Path pkcs1 =
          NatsSecurityFixtures.write(
              dir,
              "rsa.key",
              "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
      String wrongKey =
          assertThrows(
                  NatsAuthException.class,
                  () ->
                      NatsConnector.connect(
                          client(server)
                              .withTls(
                                  NatsTls.trusting(pki.ca())
                                      .withClientCertificate(pki.clientCert(), pkcs1))))
              .getMessage();
      assertTrue(wrongKey.contains("holds a 'RSA PRIVATE KEY'"), wrongKey);
      assertTrue(wrongKey.contains("openssl pkcs8 -topk8"), wrongKey);
    }
  }

  @Test
  void unusableCredentialFilesFailBeforeConnectingAndSayWhy() {
    NatsClientConfig client = NatsClientConfig.of("nats://127.0.0.1:1", "t");
    Path missing = dir.resolve("missing.creds");
    String notFound =
        assertThrows(
                NatsAuthException.class,
                () -> NatsConnector.connect(client.withAuth(new NatsAuth.CredsFile(missing))))
            .getMessage();
    assertTrue(notFound.startsWith("cannot read NATS credentials file " + missing), notFound);

    Path notCreds = NatsSecurityFixtures.write(dir, "plain.creds", "just text\n");
    String wrongShape =
        assertThrows(
                NatsAuthException.class,
                () -> NatsConnector.connect(client.withAuth(new NatsAuth.CredsFile(notCreds))))
            .getMessage();
    assertTrue(wrongShape.contains("is not a .creds file"), wrongShape);

    Path empty = NatsSecurityFixtures.write(dir, "empty.token", "  \n");
    String emptyToken =
        assertThrows(
                NatsAuthException.class,
                () -> NatsConnector.connect(client.withAuth(new NatsAuth.Token(empty))))
            .getMessage();
    assertEquals("NATS token file " + empty + " is empty", emptyToken);

    Path notSeed = NatsSecurityFixtures.write(dir, "bad.nk", "SUNOTASEED");
    String badSeed =
        assertThrows(
                NatsAuthException.class,
                () -> NatsConnector.connect(client.withAuth(new NatsAuth.NKeySeed(notSeed))))
            .getMessage();
    assertTrue(badSeed.contains("holds no valid NKey seed"), badSeed);
  }

  @Test
  void configurationsShowPathsNeverSecrets() {
    Path file = dir.resolve("pass");
    NatsClientConfig config =
        NatsClientConfig.of("nats://127.0.0.1:4222", "x")
            .withAuth(new NatsAuth.UserPassword("alice", file));
    assertTrue(config.toString().contains(file.toString()), config.toString());
    var error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new NatsTls(Optional.empty(), Optional.of(file), Optional.empty()));
    assertTrue(error.getMessage().contains("both"), error.getMessage());
  }
}
