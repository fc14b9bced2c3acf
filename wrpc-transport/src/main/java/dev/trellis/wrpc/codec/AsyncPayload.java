package dev.trellis.wrpc.codec;

import dev.trellis.wrpc.wit.WitType;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Bytes the encoder produced for the channel of a future or stream whose contents were known when
 * encoding but were sent out of band (as both upstream implementations do): the transport publishes
 * {@code bytes} on {@code path} and then closes that channel.
 *
 * @param path the index of the channel
 * @param type the future or stream type the bytes belong to
 * @param bytes the complete channel contents, read-only: a future's encoded payload (no bytes for a
 *     payload-less future); a stream's chunk and the terminating empty chunk
 */
public record AsyncPayload(IndexPath path, WitType type, ByteBuffer bytes) {
  public AsyncPayload {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    bytes = bytes.asReadOnlyBuffer();
  }
}
