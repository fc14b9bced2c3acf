package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.wit.WitType;
import java.util.Objects;

/**
 * A future or stream that was encoded (or decoded) as pending: its contents travel separately on
 * the channel at {@code path}, so the transport must subscribe to, or publish on, that index.
 *
 * @param path where the contents travel, relative to the channel that carried the frame
 * @param type the {@link WitType.FutureType} or {@link WitType.StreamType} of the value
 */
public record PendingValue(IndexPath path, WitType type) {
  public PendingValue {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    if (!(type instanceof WitType.FutureType || type instanceof WitType.StreamType)) {
      throw new IllegalArgumentException("only futures and streams are pending, got " + type);
    }
  }
}
