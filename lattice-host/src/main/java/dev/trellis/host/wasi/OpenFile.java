package dev.trellis.host.wasi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open file shared by a descriptor and the streams made from it: the channel closes when the
 * last of them is dropped, so a guest may drop the descriptor before its streams (the preview1
 * adapter does).
 */
final class OpenFile {
  private static final Logger LOG = LoggerFactory.getLogger(OpenFile.class);

  private final FileChannel channel;
  private final AtomicInteger references = new AtomicInteger(1);

  OpenFile(FileChannel channel) {
    this.channel = channel;
  }

  FileChannel channel() {
    return channel;
  }

  /** One more user; returns this. */
  OpenFile retain() {
    references.incrementAndGet();
    return this;
  }

  /** One user fewer; the last one closes the channel. */
  void release() {
    if (references.decrementAndGet() == 0) {
      try {
        channel.close();
      } catch (IOException e) {
        // closing after the guest let go: nothing is waiting for the result
        LOG.debug("wasi file close failed error={}", e.toString());
      }
    }
  }
}
