package dev.trellis.wrpc.codec;

import java.util.List;

/**
 * What an encoded frame leaves for the transport to carry on other channels: pending futures and
 * streams whose contents the application still has to supply, and out-of-band contents the encoder
 * already produced. Pending values are in encounter order (depth first); a payload follows the
 * payloads nested inside it.
 */
public record AsyncParts(List<PendingValue> pending, List<AsyncPayload> payloads) {
  private static final AsyncParts EMPTY = new AsyncParts(List.of(), List.of());

  public AsyncParts {
    pending = List.copyOf(pending);
    payloads = List.copyOf(payloads);
  }

  /** No async parts: the frame is self-contained. */
  public static AsyncParts empty() {
    return EMPTY;
  }

  /** Whether the frame is self-contained. */
  public boolean isEmpty() {
    return pending.isEmpty() && payloads.isEmpty();
  }
}
