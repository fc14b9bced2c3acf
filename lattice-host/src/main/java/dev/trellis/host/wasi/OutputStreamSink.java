package dev.trellis.host.wasi;

import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WasiOutputStream} writing through to an embedder's {@link OutputStream} (standard output
 * and error): writes complete synchronously, so it is always ready. Dropping the guest's handle
 * flushes but never closes the embedder's stream.
 */
final class OutputStreamSink implements WasiOutputStream {
  private static final Logger LOG = LoggerFactory.getLogger(OutputStreamSink.class);

  private final OutputStream out;
  private final String name;

  OutputStreamSink(OutputStream out, String name) {
    this.out = out;
    this.name = name;
  }

  @Override
  public long checkWrite() {
    return Streams.MAX_CHUNK;
  }

  @Override
  public void write(byte[] bytes) {
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw WasiStreamException.failed(WasiError.of("writing " + name + " failed: " + e));
    }
  }

  @Override
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw WasiStreamException.failed(WasiError.of("flushing " + name + " failed: " + e));
    }
  }

  @Override
  public void close() {
    try {
      out.flush();
    } catch (IOException e) {
      // the guest dropped the stream, so nobody can receive the error: record it
      LOG.debug("wasi stream flush on drop failed stream={} error={}", name, e.toString());
    }
  }
}
