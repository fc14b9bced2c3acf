package dev.trellis.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic damage for the bad-input corpora: the same seed always yields the same mutations,
 * so a failure names a case that can be replayed. Each mutation says what it did.
 */
final class Mutator {
  /** A damaged input and how it was damaged. */
  record Mutation(String description, byte[] bytes) {}

  private static final List<String> LINES =
      List.of("", "  -", ": :", "x: [", "- 1", "    name: 5", "  properties: ~", "'", "{}", "---");
  private static final List<String> SCALARS =
      List.of("[]", "{}", "~", "-1", "1e400", "\"\"", "[[[]]]", "true", "0x7fffffffffffffff", "&a");

  private final SplittableRandom random;

  Mutator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** One structural mutation of a binary: truncation, flips, bogus lengths, insertions, cuts. */
  Mutation binary(byte[] original) {
    int length = original.length;
    return switch (random.nextInt(8)) {
      case 0 -> {
        int at = random.nextInt(length);
        yield new Mutation("truncated to " + at + " bytes", Arrays.copyOf(original, at));
      }
      case 1 -> {
        byte[] out = original.clone();
        int flips = 1 + random.nextInt(4);
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < flips; i++) {
          int at = random.nextInt(length);
          out[at] ^= (byte) (1 + random.nextInt(255));
          where.append(i == 0 ? "" : ",").append(at);
        }
        yield new Mutation("bytes flipped at " + where, out);
      }
      case 2 -> {
        byte[] out = original.clone();
        int at = 8 + random.nextInt(Math.max(1, length - 13));
        byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        System.arraycopy(huge, 0, out, at, Math.min(huge.length, length - at));
        yield new Mutation("LEB128 0xffffffff written at " + at, out);
      }
      case 3 -> {
        int at = random.nextInt(length + 1);
        byte[] noise = noise(1 + random.nextInt(16));
        yield new Mutation(
            noise.length + " random bytes inserted at " + at, splice(original, at, 0, noise));
      }
      case 4 -> {
        int at = random.nextInt(length);
        int cut = 1 + random.nextInt(Math.min(64, length - at));
        yield new Mutation(cut + " bytes cut at " + at, splice(original, at, cut, new byte[0]));
      }
      case 5 -> {
        byte[] out = original.clone();
        int at = random.nextInt(Math.min(8, length));
        out[at] = (byte) random.nextInt(256);
        yield new Mutation("preamble byte " + at + " set", out);
      }
      case 6 -> {
        int from = random.nextInt(length);
        int size = 1 + random.nextInt(Math.min(128, length - from));
        int to = random.nextInt(length + 1);
        byte[] chunk = Arrays.copyOfRange(original, from, from + size);
        yield new Mutation(
            size + " bytes from " + from + " repeated at " + to, splice(original, to, 0, chunk));
      }
      default -> {
        byte[] out = original.clone();
        int at = random.nextInt(length);
        out[at] = random.nextBoolean() ? 0 : (byte) 0xff;
        yield new Mutation("byte " + at + " set to " + (out[at] & 0xff), out);
      }
    };
  }

  /** One to three line-level or character-level edits of a text document. */
  Mutation text(String original) {
    List<String> lines = new ArrayList<>(original.lines().toList());
    StringBuilder what = new StringBuilder();
    int changes = 1 + random.nextInt(3);
    for (int i = 0; i < changes && !lines.isEmpty(); i++) {
      int at = random.nextInt(lines.size());
      String line = lines.get(at);
      switch (random.nextInt(6)) {
        case 0 -> {
          lines.remove(at);
          what.append("line ").append(at + 1).append(" removed; ");
        }
        case 1 -> {
          lines.set(at, LINES.get(random.nextInt(LINES.size())));
          what.append("line ").append(at + 1).append(" replaced; ");
        }
        case 2 -> {
          lines.add(at, lines.get(random.nextInt(lines.size())));
          what.append("a line repeated at ").append(at + 1).append("; ");
        }
        case 3 -> {
          lines.set(at, line.substring(0, random.nextInt(line.length() + 1)));
          what.append("line ").append(at + 1).append(" cut; ");
        }
        case 4 -> {
          int colon = line.indexOf(": ");
          String value = SCALARS.get(random.nextInt(SCALARS.size()));
          lines.set(at, colon < 0 ? line + " " + value : line.substring(0, colon + 2) + value);
          what.append("value of line ").append(at + 1).append(" now ").append(value).append("; ");
        }
        default -> {
          char[] chars = line.toCharArray();
          if (chars.length > 0) {
            chars[random.nextInt(chars.length)] =
                "\t\"'{}[]:#&*!|>%@`\\".charAt(random.nextInt(18));
          }
          lines.set(at, new String(chars));
          what.append("a character of line ").append(at + 1).append(" changed; ");
        }
      }
    }
    return new Mutation(
        what.toString().strip(), String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code count} random bytes. */
  byte[] noise(int count) {
    byte[] out = new byte[count];
    for (int i = 0; i < count; i++) {
      out[i] = (byte) random.nextInt(256);
    }
    return out;
  }

  private static byte[] splice(byte[] original, int at, int remove, byte[] insert) {
    byte[] out = new byte[original.length - remove + insert.length];
    System.arraycopy(original, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(original, at + remove, out, at + insert.length, original.length - at - remove);
    return out;
  }
}
