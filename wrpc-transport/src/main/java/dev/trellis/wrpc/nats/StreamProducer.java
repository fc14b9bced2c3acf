package dev.trellis.wrpc.nats;

/**
 * Writes the elements of an outgoing stream. Runs on its own virtual thread; returning ends the
 * stream, throwing abandons it (the peer sees the channel end without the stream's end marker).
 */
@FunctionalInterface
public interface StreamProducer {
  /** Writes every element into {@code sink}, in order. */
  void produce(StreamSink sink);
}
