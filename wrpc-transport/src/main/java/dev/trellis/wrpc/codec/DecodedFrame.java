package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.wit.WitValue;
import java.util.List;

/**
 * The values decoded from one frame and the futures and streams in them that arrived pending, whose
 * contents the transport must now receive on their index paths.
 */
public record DecodedFrame(List<WitValue> values, List<PendingValue> pending) {
  public DecodedFrame {
    values = List.copyOf(values);
    pending = List.copyOf(pending);
  }
}
