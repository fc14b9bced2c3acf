package dev.trellis.wrpc.codec;

import java.util.Objects;

/**
 * The outcome of feeding bytes to a {@link WrpcDecoder}: either the frame is complete, or more
 * bytes are needed. Malformed bytes are not a step but a {@link WrpcDecodeException}.
 */
public sealed interface DecodeStep permits NeedMore, DecodeStep.Complete {

  /**
   * The frame decoded completely.
   *
   * @param frame the values and their pending futures and streams
   * @param trailingBytes bytes received after the end of the frame (a well-behaved peer sends none)
   */
  record Complete(DecodedFrame frame, long trailingBytes) implements DecodeStep {
    public Complete {
      Objects.requireNonNull(frame, "frame");
    }
  }
}
