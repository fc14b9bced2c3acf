package dev.trellis.wrpc.codec;

import java.util.Objects;

/**
 * Limits and wire choices for the value codec. The limits bound what a decoder will buffer or
 * allocate for one length-prefixed item, so a hostile length prefix costs nothing.
 *
 * @param maxListLength the most elements a list, stream chunk or ready stream may announce
 * @param maxStringBytes the most UTF-8 bytes a string may announce
 * @param maxHandleBytes the most bytes a resource handle may announce
 * @param streamFormat how ready streams are laid out when sent inline, and how inline streams are
 *     read
 * @param inlineReadyAsync whether ready futures and streams are encoded inline; when false (the
 *     default, and what both upstream implementations do) they are encoded as pending and their
 *     contents are returned as {@link AsyncPayload}s for their own channels
 */
public record WrpcCodecOptions(
    int maxListLength,
    int maxStringBytes,
    int maxHandleBytes,
    StreamFormat streamFormat,
    boolean inlineReadyAsync) {
  private static final WrpcCodecOptions DEFAULTS =
      new WrpcCodecOptions(16 << 20, 64 << 20, 4096, StreamFormat.LIST, false);

  public WrpcCodecOptions {
    requirePositive("maxListLength", maxListLength);
    requirePositive("maxStringBytes", maxStringBytes);
    requirePositive("maxHandleBytes", maxHandleBytes);
    Objects.requireNonNull(streamFormat, "streamFormat");
  }

  /**
   * 16 Mi list elements, 64 MiB strings, 4 KiB handles, Rust's stream layout, async values sent out
   * of band.
   */
  public static WrpcCodecOptions defaults() {
    return DEFAULTS;
  }

  /** These options with a different element limit. */
  public WrpcCodecOptions withMaxListLength(int value) {
    return new WrpcCodecOptions(
        value, maxStringBytes, maxHandleBytes, streamFormat, inlineReadyAsync);
  }

  /** These options with a different string limit. */
  public WrpcCodecOptions withMaxStringBytes(int value) {
    return new WrpcCodecOptions(
        maxListLength, value, maxHandleBytes, streamFormat, inlineReadyAsync);
  }

  /** These options with a different handle limit. */
  public WrpcCodecOptions withMaxHandleBytes(int value) {
    return new WrpcCodecOptions(
        maxListLength, maxStringBytes, value, streamFormat, inlineReadyAsync);
  }

  /** These options with a different stream layout. */
  public WrpcCodecOptions withStreamFormat(StreamFormat value) {
    return new WrpcCodecOptions(
        maxListLength, maxStringBytes, maxHandleBytes, value, inlineReadyAsync);
  }

  /** These options with ready futures and streams encoded inline or out of band. */
  public WrpcCodecOptions withInlineReadyAsync(boolean value) {
    return new WrpcCodecOptions(maxListLength, maxStringBytes, maxHandleBytes, streamFormat, value);
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }
}
