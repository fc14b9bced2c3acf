package dev.trellis.host.wasi;

import dev.trellis.host.HostException;
import java.util.Objects;

/**
 * Thrown by {@link WasiInputStream} and {@link WasiOutputStream} implementations when an operation
 * ends in a {@link StreamError}; {@code wasi:io/streams} turns it into the WIT error value the
 * guest receives, so it never traps the guest.
 */
public final class WasiStreamException extends HostException {
  private static final long serialVersionUID = 1L;

  private final transient StreamError error;

  /** An exception carrying {@code error}. */
  public WasiStreamException(StreamError error) {
    super(describe(error));
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The stream is closed. */
  public static WasiStreamException closed() {
    return new WasiStreamException(new StreamError.Closed());
  }

  /** The last operation failed with {@code error}. */
  public static WasiStreamException failed(WasiError error) {
    return new WasiStreamException(new StreamError.Failed(error));
  }

  /** What went wrong. */
  public StreamError error() {
    return error;
  }

  private static String describe(StreamError error) {
    return switch (error) {
      case StreamError.Closed c -> "stream closed";
      case StreamError.Failed f -> "stream operation failed: " + f.error().message();
    };
  }
}
