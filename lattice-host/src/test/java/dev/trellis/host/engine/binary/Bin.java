package dev.trellis.host.engine.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Test-side byte builder for hand-assembling component binaries, one production at a time. */
final class Bin {
  /** The 8-byte component preamble (version 0x0d, layer 1). */
  static final byte[] PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};

  /** The smallest core module: magic and version 1. */
  static final byte[] EMPTY_CORE_MODULE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static Bin of(int... bytes) {
    return new Bin().u8(bytes);
  }

  /** A component: the preamble followed by the given sections. */
  static byte[] component(Bin... sections) {
    Bin bin = new Bin().raw(PREAMBLE);
    for (Bin section : sections) {
      bin.append(section);
    }
    return bin.build();
  }

  /** A section: id, LEB size, content. */
  static Bin section(int id, Bin content) {
    return new Bin().u8(id).u32(content.size()).append(content);
  }

  /** A vector section: id, size, then {@code vec(items)}. */
  static Bin vecSection(int id, Bin... items) {
    return section(id, vec(items));
  }

  /** {@code vec(items)}: LEB count then the items. */
  static Bin vec(Bin... items) {
    Bin bin = new Bin().u32(items.length);
    for (Bin item : items) {
      bin.append(item);
    }
    return bin;
  }

  /** A length-prefixed UTF-8 name. */
  static Bin str(String name) {
    return new Bin().name(name);
  }

  /** A plain extern name ({@code 0x00 name}). */
  static Bin externName(String name) {
    return of(0x00).name(name);
  }

  Bin u8(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  Bin raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** Unsigned LEB128. */
  Bin u32(long value) {
    long v = value;
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return this;
  }

  /** Signed LEB128. */
  Bin s33(long value) {
    long v = value;
    while (true) {
      int b = (int) (v & 0x7f);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return this;
      }
    }
  }

  Bin name(String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    return u32(utf8.length).raw(utf8);
  }

  Bin append(Bin other) {
    out.writeBytes(other.build());
    return this;
  }

  int size() {
    return out.size();
  }

  byte[] build() {
    return out.toByteArray();
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
