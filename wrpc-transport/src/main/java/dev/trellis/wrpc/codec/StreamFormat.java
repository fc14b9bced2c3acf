package dev.trellis.wrpc.codec;

/**
 * How a stream that is sent inline (ready) is laid out. The upstream implementations disagree; both
 * read a leading {@code 0x00} as "pending", which is all either of them ever sends.
 */
public enum StreamFormat {
  /**
   * As the Rust {@code wrpc-transport} decoder and SPEC.md: the stream is a {@code list<T>}; a
   * non-empty list is the complete contents and the empty list means pending.
   */
  LIST,
  /**
   * As the Go bindings: a status byte, {@code 0x00} pending or {@code 0x01} followed by the
   * complete contents as a {@code list<T>}.
   */
  STATUS_BYTE
}
