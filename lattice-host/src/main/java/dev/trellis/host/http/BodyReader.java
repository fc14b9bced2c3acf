package dev.trellis.host.http;

import dev.trellis.host.wasi.WasiError;
import dev.trellis.host.wasi.WasiInputStream;
import dev.trellis.host.wasi.WasiPollable;
import dev.trellis.host.wasi.WasiStreamException;

/**
 * The {@code wasi:io} input stream of an incoming body (a request on the server, a response of an
 * outgoing request). Reads never block except {@code blocking-read}, which waits for the network; a
 * body failure becomes {@code last-operation-failed} with an {@code error} that {@code
 * http-error-code} maps back to the HTTP error code.
 */
final class BodyReader implements WasiInputStream {
  private final ChunkSource source;
  private final HttpState state;

  BodyReader(ChunkSource source, HttpState state) {
    this.source = source;
    this.state = state;
  }

  @Override
  public byte[] read(int max) {
    try {
      return max == 0 ? ChunkSource.EMPTY : source.read(max);
    } catch (BodyException e) {
      throw failed(e);
    }
  }

  @Override
  public byte[] blockingRead(int max) {
    if (max == 0) {
      return read(0);
    }
    while (true) {
      byte[] bytes = read(max);
      if (bytes.length > 0) {
        return bytes;
      }
      source.await(Long.MAX_VALUE);
    }
  }

  @Override
  public WasiPollable subscribe() {
    return new WasiPollable() {
      @Override
      public boolean ready() {
        return source.await(0);
      }

      @Override
      public boolean await(long timeoutNanos) {
        return source.await(timeoutNanos);
      }
    };
  }

  private WasiStreamException failed(BodyException e) {
    WasiError error = WasiError.of(e.getMessage());
    state.recordError(error, e.code());
    return WasiStreamException.failed(error);
  }

  @Override
  public void close() {
    // the body owns the source; dropping the stream only ends this view of it
  }
}
