package dev.trellis.nats;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext} of a {@link NatsTls} from PEM files. Written here because jnats
 * only loads Java key stores and the JDK's PEM decoder is still a preview API: the JDK's {@link
 * CertificateFactory} reads PEM certificates itself, so only the unarmoring of a PKCS#8 private key
 * ({@code BEGIN PRIVATE KEY}) is done by hand.
 */
final class PemTls {
  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final Pattern OTHER_KEY = Pattern.compile("-----BEGIN ([A-Z ]*PRIVATE KEY)-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "RSASSA-PSS");
  private static final char[] IN_MEMORY_PASSWORD = "trellis".toCharArray();

  private PemTls() {}

  /** The context trusting {@code tls.caFile()} (or the JDK's CAs) with the client key, if any. */
  static SSLContext context(NatsTls tls) {
    try {
      TrustManager[] trust = null;
      if (tls.caFile().isPresent()) {
        KeyStore store = emptyStore();
        List<Certificate> cas = certificates(tls.caFile().get(), "TLS CA file");
        for (int i = 0; i < cas.size(); i++) {
          store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory factory =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        trust = factory.getTrustManagers();
      }
      KeyManager[] keys = null;
      if (tls.certFile().isPresent() && tls.keyFile().isPresent()) {
        List<Certificate> chain = certificates(tls.certFile().get(), "TLS certificate file");
        PrivateKey key = privateKey(tls.keyFile().get());
        KeyStore store = emptyStore();
        store.setKeyEntry("client", key, IN_MEMORY_PASSWORD, chain.toArray(Certificate[]::new));
        KeyManagerFactory factory =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY_PASSWORD);
        keys = factory.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new NatsAuthException("cannot set up TLS towards NATS: " + e.getMessage(), e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }

  private static List<Certificate> certificates(Path file, String what) {
    byte[] bytes = read(file, what);
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      List<Certificate> certificates =
          List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (certificates.isEmpty()) {
        throw new NatsAuthException(what + " " + file + " holds no PEM certificate");
      }
      return certificates;
    } catch (GeneralSecurityException | IOException e) {
      throw new NatsAuthException(
          what + " " + file + " is not a PEM certificate file: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) {
    String text = new String(read(file, "TLS key file"), StandardCharsets.US_ASCII);
    Matcher matcher = PRIVATE_KEY.matcher(text);
    if (!matcher.find()) {
      Optional<String> other =
          Optional.of(OTHER_KEY.matcher(text)).filter(Matcher::find).map(m -> m.group(1));
      throw new NatsAuthException(
          "TLS key file "
              + file
              + (other.isPresent()
                  ? " holds a '"
                      + other.get()
                      + "'; convert it to PKCS#8 with `openssl pkcs8"
                      + " -topk8 -nocrypt -in KEY -out KEY.pk8`"
                  : " holds no PEM 'PRIVATE KEY' block"));
    }
    byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // not this algorithm; try the next
      }
    }
    throw new NatsAuthException(
        "TLS key file " + file + " holds a private key of none of " + KEY_ALGORITHMS);
  }

  private static byte[] read(Path file, String what) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new NatsAuthException("cannot read " + what + " " + file + ": " + e, e);
    }
  }
}
