package dev.trellis.host.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Streaming SHA-256 with progress. Hand-written because ORAS only checks the digest of a blob it
 * downloads to a file (and only when the registry sends {@code Docker-Content-Digest}), has no
 * progress callback, and its in-memory {@code getBlob} decodes bytes as UTF-8 text, which corrupts
 * binary Wasm; so the fetcher streams ORAS' blob {@code InputStream} through this class.
 */
final class Sha256 {

  private static final int CHUNK = 64 * 1024;

  private Sha256() {}

  /** Receives the running byte count of {@link #copy}. */
  @FunctionalInterface
  interface Counter {
    void bytes(long soFar);
  }

  /** {@code sha256:<hex>} of a byte array. */
  static String of(byte[] data) {
    MessageDigest md = newDigest();
    md.update(data);
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  /** {@code sha256:<hex>} of a file's content. */
  static String of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return copy(in, OutputStream.nullOutputStream(), soFar -> {});
    }
  }

  /** Copies {@code in} to {@code out}, reporting progress, and returns the digest of the bytes. */
  static String copy(InputStream in, OutputStream out, Counter counter) throws IOException {
    MessageDigest md = newDigest();
    byte[] buffer = new byte[CHUNK];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      md.update(buffer, 0, n);
      out.write(buffer, 0, n);
      total += n;
      counter.bytes(total);
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  /** The hex part of a {@code sha256:<hex>} digest. */
  static String hex(String digest) {
    return digest.substring("sha256:".length());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
