package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.WrpcException;

/**
 * Bytes received over wRPC do not decode as the expected WIT type. The message names where inside
 * the frame decoding failed, what was wrong and at which byte, e.g. {@code params.1.record point.y:
 * LEB128 overflow for s32 at byte 7}, so a malformed peer can be diagnosed from the log.
 */
public final class WrpcDecodeException extends WrpcException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String problem;
  private final long offset;

  public WrpcDecodeException(String path, String problem, long offset) {
    super(path + ": " + problem + " at byte " + offset);
    this.path = path;
    this.problem = problem;
    this.offset = offset;
  }

  /** Where in the frame decoding failed, e.g. {@code params.0[3].name}. */
  public String path() {
    return path;
  }

  /** What was wrong, e.g. {@code invalid bool byte 0x02}. */
  public String problem() {
    return problem;
  }

  /** The offset, from the start of the channel's bytes, of the byte that could not be decoded. */
  public long offset() {
    return offset;
  }
}
