package dev.trellis.nats;

import io.nats.client.NKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Credentials for tests against a {@code nats-server} that requires them: NKey users, an operator
 * with accounts and users as signed JWT v2 claims (the shape {@code nsc} writes) with their {@code
 * .creds} files and the server configuration that trusts them, and a CA with server and client
 * certificates made by {@code openssl}.
 */
public final class NatsSecurityFixtures {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String JWT_HEADER = "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}";
  private static final String UNLIMITED_ACCOUNT =
      "\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,\"exports\":-1,"
          + "\"wildcards\":true,\"conn\":-1,\"leaf\":-1%s}";
  private static final String JETSTREAM_LIMITS =
      ",\"mem_storage\":-1,\"disk_storage\":-1,\"streams\":-1,\"consumer\":-1";

  private NatsSecurityFixtures() {}

  /** A new NKey user. */
  public static NKey newUser() {
    try {
      return NKey.createUser(RANDOM);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A key's public key as text. */
  public static String publicKey(NKey key) {
    try {
      return new String(key.getPublicKey());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code text} to {@code dir/name} and returns the path. */
  public static Path write(Path dir, String name, String text) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An operator trusting a system account and the named JetStream-enabled accounts, resolved from
   * memory; {@link #serverConfig()} is the {@code nats-server} configuration that trusts it.
   */
  public static final class Operator {
    private final NKey operator;
    private final String operatorJwt;
    private final NKey system;
    private final List<String> preload = new ArrayList<>();

    public Operator() {
      try {
        operator = NKey.createOperator(RANDOM);
        system = NKey.createAccount(RANDOM);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      operatorJwt =
          jwt(operator, publicKey(operator), "trellis-test-operator", "\"type\":\"operator\"");
      preload.add(
          publicKey(system)
              + ": \""
              + jwt(
                  operator,
                  publicKey(system),
                  "SYS",
                  String.format(UNLIMITED_ACCOUNT, "") + ",\"type\":\"account\"")
              + "\"");
    }

    /** A new account signed by this operator, with unlimited JetStream. */
    public NKey account(String name) {
      try {
        NKey account = NKey.createAccount(RANDOM);
        preload.add(
            publicKey(account)
                + ": \""
                + jwt(
                    operator,
                    publicKey(account),
                    name,
                    String.format(UNLIMITED_ACCOUNT, JETSTREAM_LIMITS) + ",\"type\":\"account\"")
                + "\"");
        return account;
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The server configuration: this operator, its system account and every account so far. */
    public String serverConfig() {
      return "operator: \""
          + operatorJwt
          + "\"\nsystem_account: \""
          + publicKey(system)
          + "\"\nresolver: MEMORY\nresolver_preload: {\n  "
          + String.join("\n  ", preload)
          + "\n}\n";
    }
  }

  /** A {@code .creds} file for a new user of {@code account} (which signs the user's JWT). */
  public static Path creds(NKey account, String userName, Path file) {
    NKey user = newUser();
    String userJwt =
        jwt(
            account,
            publicKey(user),
            userName,
            "\"pub\":{},\"sub\":{},\"subs\":-1,\"data\":-1,\"payload\":-1,\"type\":\"user\"");
    String text =
        "-----BEGIN NATS USER JWT-----\n"
            + userJwt
            + "\n------END NATS USER JWT------\n\n"
            + "************************* IMPORTANT *************************\n"
            + "NKEY Seed printed below can be used to sign and prove identity.\n"
            + "NKEYs are sensitive and should be treated as secrets.\n\n"
            + "-----BEGIN USER NKEY SEED-----\n"
            + new String(user.getSeed())
            + "\n------END USER NKEY SEED------\n\n"
            + "*************************************************************\n";
    return write(file.getParent(), file.getFileName().toString(), text);
  }

  /** A JWT v2: header, claims with {@code natsFields} plus {@code version 2}, ed25519 signature. */
  static String jwt(NKey issuer, String subject, String name, String natsFields) {
    String body =
        "{\"iat\":"
            + Instant.now().getEpochSecond()
            + ",\"iss\":\""
            + publicKey(issuer)
            + "\",\"name\":\""
            + name
            + "\",\"sub\":\""
            + subject
            + "\",\"nats\":{"
            + natsFields
            + ",\"version\":2}}";
    String claims = "{\"jti\":\"" + jti(body) + "\"," + body.substring(1);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signed =
        b64.encodeToString(JWT_HEADER.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    try {
      return signed
          + "."
          + b64.encodeToString(issuer.sign(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String jti(String body) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().withUpperCase().formatHex(hash, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A CA and certificates it signed, made with {@code openssl} (EC P-256 keys in PKCS#8 PEM).
   *
   * @param ca the CA certificate
   * @param serverCert server certificate for {@code 127.0.0.1}
   * @param serverKey its key
   * @param clientCert a client certificate
   * @param clientKey its key
   */
  public record Pki(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {
    /** Creates the files in {@code dir}. */
    public static Pki create(Path dir) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path san = write(dir, "san.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
      openssl(
          dir,
          "req",
          "-x509",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:prime256v1",
          "-nodes",
          "-keyout",
          "ca.key",
          "-out",
          "ca.pem",
          "-days",
          "2",
          "-subj",
          "/CN=trellis-test-ca");
      for (String who : List.of("server", "client")) {
        openssl(
            dir,
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            who + ".key",
            "-out",
            who + ".csr",
            "-subj",
            "/CN=trellis-test-" + who);
        openssl(
            dir,
            "x509",
            "-req",
            "-in",
            who + ".csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            who + ".pem",
            "-days",
            "2",
            "-extfile",
            san.toString());
      }
      return new Pki(
          dir.resolve("ca.pem"),
          dir.resolve("server.pem"),
          dir.resolve("server.key"),
          dir.resolve("client.pem"),
          dir.resolve("client.key"));
    }

    /** The {@code tls} block of a server that requires client certificates from this CA. */
    public String serverConfig() {
      return "tls {\n  cert_file: \""
          + serverCert
          + "\"\n  key_file: \""
          + serverKey
          + "\"\n  ca_file: \""
          + ca
          + "\"\n  verify: true\n  timeout: 3\n}\n";
    }
  }

  private static void openssl(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("openssl.log").toFile())
              .start();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "openssl failed: "
                + command
                + "\n"
                + Files.readString(dir.resolve("openssl.log"), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
