package dev.trellis.host.engine.binary;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Mutates valid seed components thousands of times (fixed seed) and requires every result to either
 * decode or fail with {@link ComponentDecodeException}: never another exception, an allocation
 * failure or a stack overflow.
 */
class ComponentDecoderFuzzTest {
  private static final long SEED = 0x7e11_15L;
  private static final int ITERATIONS = 20_000;
  private static final Duration BUDGET = Duration.ofSeconds(10);

  @Test
  void mutatedSeedsDecodeOrFailCleanly(TestReporter reporter) {
    int[] outcome = fuzz(SampleComponents.all(), ITERATIONS);
    reporter.publishEntry("fuzz", "decoded=" + outcome[0] + " rejected=" + outcome[1]);
    assertTrue(outcome[0] + outcome[1] >= ITERATIONS / 2, "fuzzing ran too few iterations");
    assertTrue(outcome[0] > 0 && outcome[1] > 0, "mutations should both keep and break validity");
  }

  @Test
  void mutatedExampleComponentsDecodeOrFailCleanly() throws IOException {
    Path examples = Path.of("..", "examples", "wasm");
    assumeTrue(Files.isDirectory(examples), "examples/wasm not built");
    List<byte[]> seeds = new ArrayList<>();
    try (Stream<Path> files = Files.list(examples)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList()) {
        seeds.add(Files.readAllBytes(file));
      }
    }
    assumeTrue(!seeds.isEmpty(), "examples/wasm holds no component");
    int[] outcome = fuzz(seeds, ITERATIONS / 4);
    assertTrue(outcome[0] + outcome[1] >= ITERATIONS / 8, "fuzzing ran too few iterations");
  }

  /** Runs the mutations; returns {decoded, rejected}. */
  private static int[] fuzz(List<byte[]> seeds, int iterations) {
    var random = new Random(SEED);
    long deadline = System.nanoTime() + BUDGET.toNanos();
    int[] outcome = new int[2];
    for (int i = 0; i < iterations && System.nanoTime() < deadline; i++) {
      byte[] mutated = mutate(seeds.get(random.nextInt(seeds.size())), random);
      outcome[decodesCleanly(mutated, i) ? 0 : 1]++;
    }
    return outcome;
  }

  @Test
  void everyTruncationOfEverySeedFailsCleanly() {
    for (byte[] seed : SampleComponents.all()) {
      for (int length = 0; length < seed.length; length++) {
        decodesCleanly(Arrays.copyOf(seed, length), length);
      }
    }
  }

  /** True if decoded, false if rejected with ComponentDecodeException; fails on anything else. */
  private static boolean decodesCleanly(byte[] bytes, int iteration) {
    try {
      ComponentDecoder.decode(bytes);
      return true;
    } catch (ComponentDecodeException expected) {
      return false;
    } catch (Throwable unexpected) {
      fail(
          "iteration " + iteration + ": " + unexpected + " for input " + Bin.hex(bytes),
          unexpected);
      return false;
    }
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] bytes = seed;
    int rounds = 1 + random.nextInt(3);
    for (int round = 0; round < rounds; round++) {
      bytes = mutateOnce(bytes, random);
    }
    return bytes;
  }

  private static byte[] mutateOnce(byte[] bytes, Random random) {
    if (bytes.length <= Bin.PREAMBLE.length) {
      return bytes;
    }
    // leave the preamble mostly intact so mutations reach the sections
    int at = Bin.PREAMBLE.length + random.nextInt(bytes.length - Bin.PREAMBLE.length);
    return switch (random.nextInt(8)) {
      case 0 -> flipBit(bytes, at, random);
      case 1 -> replace(bytes, at, 1, new byte[] {(byte) random.nextInt(256)});
      case 2 -> replace(bytes, at, 0, new byte[] {(byte) random.nextInt(256)});
      case 3 -> replace(bytes, at, 1, new byte[0]);
      case 4 -> Arrays.copyOf(bytes, at);
      case 5 -> replace(bytes, at, 1, corruptLeb(random));
      case 6 -> corruptSectionSize(bytes, random);
      default -> duplicateChunk(bytes, at, random);
    };
  }

  private static byte[] flipBit(byte[] bytes, int at, Random random) {
    byte[] copy = bytes.clone();
    copy[at] ^= (byte) (1 << random.nextInt(8));
    return copy;
  }

  private static byte[] replace(byte[] bytes, int at, int removed, byte[] inserted) {
    var out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.writeBytes(inserted);
    int resume = Math.min(bytes.length, at + removed);
    out.write(bytes, resume, bytes.length - resume);
    return out.toByteArray();
  }

  private static byte[] corruptLeb(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
      case 1 -> new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00};
      case 2 -> new byte[] {(byte) 0x80};
      case 3 -> new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f};
      default -> Bin.of().u32(random.nextInt(1 << 20)).build();
    };
  }

  /** Rewrites the size field of a random top-level section. */
  private static byte[] corruptSectionSize(byte[] bytes, Random random) {
    List<int[]> sizeFields = sizeFields(bytes);
    if (sizeFields.isEmpty()) {
      return bytes;
    }
    int[] field = sizeFields.get(random.nextInt(sizeFields.size()));
    long size = random.nextBoolean() ? random.nextInt(64) : random.nextLong(1L << 32);
    return replace(bytes, field[0], field[1], Bin.of().u32(size).build());
  }

  /** Positions and lengths of the size fields of the top-level sections, as far as they parse. */
  private static List<int[]> sizeFields(byte[] bytes) {
    List<int[]> fields = new ArrayList<>();
    long pos = Bin.PREAMBLE.length;
    while (pos + 1 < bytes.length) {
      int start = (int) pos + 1;
      long size = 0;
      int length = 0;
      int b;
      do {
        if (start + length >= bytes.length || length == 5) {
          return fields;
        }
        b = bytes[start + length] & 0xff;
        size |= (long) (b & 0x7f) << (7 * length);
        length++;
      } while ((b & 0x80) != 0);
      fields.add(new int[] {start, length});
      pos = start + length + size;
    }
    return fields;
  }

  private static byte[] duplicateChunk(byte[] bytes, int at, Random random) {
    int length = Math.min(bytes.length - at, 1 + random.nextInt(16));
    return replace(bytes, at, 0, Arrays.copyOfRange(bytes, at, at + length));
  }
}
