package dev.trellis.wrpc.codec;

/**
 * Internal signal that the buffered bytes end inside an atomic item. It never leaves the package:
 * the decoders catch it, rewind to the start of the item and report {@link NeedMore}. One shared
 * instance without a stack trace, because running out of bytes is routine at chunk boundaries.
 */
final class Underflow extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final Underflow INSTANCE = new Underflow();

  private Underflow() {
    super("need more bytes", null, false, false);
  }
}
