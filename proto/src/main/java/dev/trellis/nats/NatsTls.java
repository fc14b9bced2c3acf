package dev.trellis.nats;

import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS towards NATS from PEM files, as {@code nats-server} and most tooling write them: an optional
 * CA bundle to trust instead of the system's, and an optional client certificate with its private
 * key (PKCS#8) for servers that verify clients. Only paths are held; files are read when
 * connecting.
 *
 * @param caFile PEM bundle of CA certificates to trust; empty trusts the JDK's default CAs
 * @param certFile PEM client certificate (chain); present exactly when {@code keyFile} is
 * @param keyFile PEM private key of the client certificate
 */
public record NatsTls(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {
  public NatsTls {
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new IllegalArgumentException(
          "a TLS client certificate needs both the certificate file and its key file; got only "
              + (certFile.isPresent() ? "the certificate " + certFile.get() : "the key"));
    }
  }

  /** Server verification against {@code caFile}, no client certificate. */
  public static NatsTls trusting(Path caFile) {
    return new NatsTls(Optional.of(caFile), Optional.empty(), Optional.empty());
  }

  /** The same, presenting {@code certFile} with {@code keyFile}. */
  public NatsTls withClientCertificate(Path certFile, Path keyFile) {
    return new NatsTls(caFile, Optional.of(certFile), Optional.of(keyFile));
  }
}
