package dev.trellis.host.http;

import dev.trellis.host.wasi.WasiError;
import dev.trellis.host.wasi.WasiOutputStream;
import dev.trellis.host.wasi.WasiPollable;
import dev.trellis.host.wasi.WasiStreamException;
import java.util.Optional;

/**
 * The {@code wasi:io} output stream of an outgoing body. {@code check-write} is the sink's free
 * buffer; a write beyond a declared {@code content-length} fails; failures of the connection become
 * {@code last-operation-failed} errors that {@code http-error-code} maps back.
 */
final class BodyWriter implements WasiOutputStream {
  private final OutgoingBody body;
  private final HttpState state;

  BodyWriter(OutgoingBody body, HttpState state) {
    this.body = body;
    this.state = state;
  }

  @Override
  public long checkWrite() {
    return body.sink().room();
  }

  @Override
  public void write(byte[] bytes) {
    Optional<HttpErrorCode> tooLong = body.count(bytes.length);
    if (tooLong.isPresent()) {
      throw failed(tooLong.get(), "body is longer than its content-length");
    }
    try {
      body.sink().write(bytes);
    } catch (BodyException e) {
      throw failed(e.code(), e.getMessage());
    }
  }

  @Override
  public void flush() {
    try {
      body.sink().flush();
    } catch (BodyException e) {
      throw failed(e.code(), e.getMessage());
    }
  }

  @Override
  public WasiPollable subscribe() {
    return new WasiPollable() {
      @Override
      public boolean ready() {
        return body.sink().await(0);
      }

      @Override
      public boolean await(long timeoutNanos) {
        return body.sink().await(timeoutNanos);
      }
    };
  }

  private WasiStreamException failed(HttpErrorCode code, String message) {
    WasiError error = WasiError.of(message);
    state.recordError(error, code);
    return WasiStreamException.failed(error);
  }

  @Override
  public void close() {
    // the body stays open until outgoing-body.finish or its drop
  }
}
