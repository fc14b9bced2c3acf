package dev.trellis.host.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Optional;

/**
 * The streams of {@code read-via-stream}, {@code write-via-stream} and {@code append-via-stream}:
 * positional reads and writes on a shared {@link OpenFile}, each stream with its own position.
 * Files never block, so they are always ready.
 */
final class FileStreams {
  private static final byte[] EMPTY = new byte[0];

  private FileStreams() {}

  static WasiInputStream reader(OpenFile file, long offset) {
    return new Reader(file.retain(), offset);
  }

  static WasiOutputStream writer(OpenFile file, long offset) {
    return new Writer(file.retain(), offset, false);
  }

  static WasiOutputStream appender(OpenFile file) {
    return new Writer(file.retain(), 0, true);
  }

  private static WasiStreamException failure(String what, IOException e) {
    ErrorCode code = FsErrors.code(e);
    return WasiStreamException.failed(new WasiError(what + ": " + e, Optional.of(code)));
  }

  /** Reads from {@code position} on; end of file closes the stream. */
  private static final class Reader implements WasiInputStream {
    private final OpenFile file;
    private long position;

    Reader(OpenFile file, long position) {
      this.file = file;
      this.position = position;
    }

    @Override
    public byte[] read(int max) {
      if (max == 0) {
        return EMPTY;
      }
      ByteBuffer buffer = ByteBuffer.allocate(max);
      int n;
      try {
        n = file.channel().read(buffer, position);
      } catch (IOException e) {
        throw failure("reading a file", e);
      }
      if (n < 0) {
        throw WasiStreamException.closed();
      }
      position += n;
      return n == max ? buffer.array() : Arrays.copyOf(buffer.array(), n);
    }

    @Override
    public byte[] blockingRead(int max) {
      return read(max);
    }

    @Override
    public WasiPollable subscribe() {
      return WasiPollable.alwaysReady();
    }

    @Override
    public void close() {
      file.release();
    }
  }

  /** Writes at {@code position} on, or at the end of the file each time when appending. */
  private static final class Writer implements WasiOutputStream {
    private final OpenFile file;
    private final boolean append;
    private long position;

    Writer(OpenFile file, long position, boolean append) {
      this.file = file;
      this.position = position;
      this.append = append;
    }

    @Override
    public long checkWrite() {
      return Streams.MAX_CHUNK;
    }

    @Override
    public void write(byte[] bytes) {
      FileChannel channel = file.channel();
      try {
        if (append) {
          position = channel.size();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          position += channel.write(buffer, position);
        }
      } catch (IOException e) {
        throw failure("writing a file", e);
      }
    }

    @Override
    public void flush() {
      // positional writes reach the operating system at once
    }

    @Override
    public void close() {
      file.release();
    }
  }
}
