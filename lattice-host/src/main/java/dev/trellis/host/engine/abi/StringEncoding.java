package dev.trellis.host.engine.abi;

/**
 * How a component's core code represents strings in its linear memory, chosen per {@code canon
 * lift} / {@code canon lower} by the {@code string-encoding} option.
 */
public enum StringEncoding {
  /** UTF-8; the length is in bytes. */
  UTF8,
  /** UTF-16 little-endian, 2-byte aligned; the length is in 16-bit code units. */
  UTF16,
  /**
   * Latin-1 or UTF-16 little-endian, 2-byte aligned; bit 31 of the length marks UTF-16 (length in
   * code units), otherwise the string is Latin-1 (length in bytes).
   */
  LATIN1_UTF16
}
