package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.wit.WitValue;
import java.util.List;

/**
 * The next event on a pending stream's channel, from {@link WrpcStreamDecoder#next()}: a chunk of
 * elements, the end of the stream, or a request for more bytes.
 */
public sealed interface StreamStep permits NeedMore, StreamStep.Chunk, StreamStep.End {

  /**
   * One chunk of stream elements.
   *
   * @param elements the elements, never empty
   * @param firstIndex the position of the first element in the whole stream
   * @param pending futures and streams inside these elements that arrived pending
   */
  record Chunk(List<WitValue> elements, long firstIndex, List<PendingValue> pending)
      implements StreamStep {
    public Chunk {
      elements = List.copyOf(elements);
      pending = List.copyOf(pending);
    }
  }

  /**
   * The terminating empty chunk.
   *
   * @param trailingBytes bytes received after it (a well-behaved peer sends none)
   */
  record End(long trailingBytes) implements StreamStep {}
}
