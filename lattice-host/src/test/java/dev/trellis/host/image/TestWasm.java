package dev.trellis.host.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Synthetic Wasm payloads: a component preamble followed by seeded random bytes. */
final class TestWasm {

  private TestWasm() {}

  /** {@code size} bytes starting with the component-model preamble, reproducible by seed. */
  static byte[] component(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    byte[] preamble = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};
    System.arraycopy(preamble, 0, bytes, 0, preamble.length);
    return bytes;
  }

  /** Writes {@code bytes} to {@code dir/name}. */
  static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
