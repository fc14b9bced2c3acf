package dev.trellis.host.engine.internal.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Works around Chicory pitfall 3: its parser rejects an import whose module and field names are
 * both empty ({@code (import "" "" (func))}), which wit-component emits in the tiny module that
 * calls {@code _initialize}. The import section is rewritten so that such imports use {@link
 * #MARKER} as module name; the instantiator maps the marker back to {@code ""} when it resolves the
 * import against the instantiation arguments.
 */
public final class EmptyImportNames {
  /** Module name that stands in for {@code ""} in rewritten imports. */
  public static final String MARKER = "\u0000trellis-empty-module";

  private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.UTF_8);
  private static final int IMPORT_SECTION = 2;

  private EmptyImportNames() {}

  /** The module name as the component sees it: the marker maps back to {@code ""}. */
  public static String original(String module) {
    return MARKER.equals(module) ? "" : module;
  }

  /**
   * The module bytes with every {@code "" ""} import renamed, or empty when there is none (or the
   * bytes are not understood, in which case Chicory's parser reports the problem).
   */
  public static Optional<byte[]> rewrite(byte[] module) {
    try {
      return rewriteOrThrow(module);
    } catch (IndexOutOfBoundsException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  private static Optional<byte[]> rewriteOrThrow(byte[] module) {
    int pos = 8;
    while (pos < module.length) {
      int id = module[pos] & 0xff;
      int[] size = leb(module, pos + 1);
      int contentStart = size[1];
      int contentEnd = contentStart + size[0];
      if (id == IMPORT_SECTION) {
        return rewriteSection(module, pos, contentStart, contentEnd);
      }
      pos = contentEnd;
    }
    return Optional.empty();
  }

  private static Optional<byte[]> rewriteSection(
      byte[] module, int sectionStart, int start, int end) {
    ByteArrayOutputStream content = new ByteArrayOutputStream(end - start + 32);
    int[] count = leb(module, start);
    writeLeb(content, count[0]);
    int pos = count[1];
    boolean changed = false;
    for (int i = 0; i < count[0]; i++) {
      int[] moduleLen = leb(module, pos);
      int nameAt = moduleLen[1] + moduleLen[0];
      int[] nameLen = leb(module, nameAt);
      int descAt = nameLen[1] + nameLen[0];
      int descEnd = skipDesc(module, descAt);
      if (moduleLen[0] == 0 && nameLen[0] == 0) {
        writeLeb(content, MARKER_BYTES.length);
        content.write(MARKER_BYTES, 0, MARKER_BYTES.length);
        content.write(module, nameAt, descEnd - nameAt);
        changed = true;
      } else {
        content.write(module, pos, descEnd - pos);
      }
      pos = descEnd;
    }
    if (!changed || pos != end) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(module.length + 32);
    out.write(module, 0, sectionStart);
    out.write(IMPORT_SECTION);
    writeLeb(out, content.size());
    out.writeBytes(content.toByteArray());
    out.write(module, end, module.length - end);
    return Optional.of(out.toByteArray());
  }

  /** The position after an import descriptor starting at {@code pos}. */
  private static int skipDesc(byte[] b, int pos) {
    int kind = b[pos] & 0xff;
    return switch (kind) {
      case 0x00 -> leb(b, pos + 1)[1];
      case 0x01 -> skipLimits(b, skipRefType(b, pos + 1));
      case 0x02 -> skipLimits(b, pos + 1);
      case 0x03 -> skipValType(b, pos + 1) + 1;
      case 0x04 -> leb(b, pos + 2)[1];
      default -> throw new IllegalStateException("import kind " + kind);
    };
  }

  private static int skipRefType(byte[] b, int pos) {
    int code = b[pos] & 0xff;
    if (code == 0x63 || code == 0x64) {
      return leb(b, pos + 1)[1];
    }
    return pos + 1;
  }

  private static int skipValType(byte[] b, int pos) {
    return skipRefType(b, pos);
  }

  private static int skipLimits(byte[] b, int pos) {
    int flags = b[pos] & 0xff;
    int next = leb(b, pos + 1)[1];
    if ((flags & 0x01) != 0) {
      next = leb(b, next)[1];
    }
    if ((flags & 0x08) != 0) {
      next = leb(b, next)[1];
    }
    return next;
  }

  /** Reads an unsigned LEB128 at {@code pos}: {value, position after it}. */
  private static int[] leb(byte[] b, int pos) {
    long result = 0;
    int shift = 0;
    int p = pos;
    while (true) {
      int current = b[p++] & 0xff;
      result |= (long) (current & 0x7f) << shift;
      if ((current & 0x80) == 0) {
        break;
      }
      shift += 7;
      if (shift > 63) {
        throw new IllegalStateException("LEB128 too long");
      }
    }
    return new int[] {(int) result, p};
  }

  private static void writeLeb(ByteArrayOutputStream out, int value) {
    int v = value;
    do {
      int current = v & 0x7f;
      v >>>= 7;
      out.write(v != 0 ? current | 0x80 : current);
    } while (v != 0);
  }
}
