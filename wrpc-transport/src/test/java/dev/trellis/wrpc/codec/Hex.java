package dev.trellis.wrpc.codec;

import java.util.HexFormat;

/** Hex helpers for byte-exact test vectors: {@code "e8 07"} to bytes and back. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  static String of(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }
}
