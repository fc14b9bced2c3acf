package dev.trellis.wrpc.provider.builtin;

import dev.trellis.wrpc.nats.StreamSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Copies an inclusive byte range of an object file into a {@code stream<u8>}, chunk by chunk. */
final class ByteRange {
  private ByteRange() {}

  /**
   * Sends bytes {@code start..=end} of {@code file} (both unsigned; {@code end} past the last byte
   * means up to the last byte, {@code start} past it means nothing) into {@code sink}, at most
   * {@code chunk} bytes per write; each write waits while the consumer is behind.
   *
   * @throws BlobstoreException if the file cannot be read
   */
  static void copy(
      FsBlobstore store,
      Path file,
      FsBlobstore.ObjectId id,
      long start,
      long end,
      int chunk,
      StreamSink sink) {
    try (FileChannel in = store.openForRead(file, id)) {
      long size = in.size();
      if (size == 0 || Long.compareUnsigned(start, size) >= 0) {
        return;
      }
      long last = Long.compareUnsigned(end, size - 1) > 0 ? size - 1 : end;
      long remaining = last - start + 1;
      in.position(start);
      byte[] buffer = new byte[chunk];
      while (remaining > 0) {
        ByteBuffer view = ByteBuffer.wrap(buffer, 0, (int) Math.min(chunk, remaining));
        int n = in.read(view);
        if (n < 0) {
          break; // the file shrank while being read: send what there was
        }
        sink.writeBytes(buffer, 0, n);
        remaining -= n;
      }
    } catch (IOException e) {
      throw new BlobstoreException("reading " + id + " failed: " + e.getClass().getSimpleName(), e);
    }
  }
}
