package dev.trellis.host.http;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.spi.CallContext;
import java.util.Optional;

/**
 * The Java object behind a {@code wasi:http/types.outgoing-body}: a {@link BodySink} plus the rules
 * of the WIT resource — the output stream can be taken once, must be dropped before {@code finish}
 * (else the guest traps), the bytes written must match a {@code content-length} the headers
 * declared, and dropping the body without finishing it makes the message incomplete.
 */
final class OutgoingBody {
  private final BodySink sink;
  private final boolean request;
  private final Optional<Long> contentLength;
  private long written;
  private boolean streamTaken;
  private Optional<StreamHandle> stream = Optional.empty();
  private boolean done;

  OutgoingBody(BodySink sink, boolean request, Optional<Long> contentLength) {
    this.sink = sink;
    this.request = request;
    this.contentLength = contentLength;
  }

  BodySink sink() {
    return sink;
  }

  /** The body's output stream the first time, then nothing. */
  Optional<BodyWriter> takeStream(HttpState state) {
    if (streamTaken) {
      return Optional.empty();
    }
    streamTaken = true;
    return Optional.of(new BodyWriter(this, state));
  }

  /** Remembers the handle the stream was given, to tell later whether the guest dropped it. */
  void streamGiven(StreamHandle handle) {
    stream = Optional.of(handle);
  }

  /** Counts {@code n} more bytes; fails if that is more than the declared content length. */
  Optional<HttpErrorCode> count(long n) {
    written += n;
    if (contentLength.isPresent() && written > contentLength.get()) {
      return Optional.of(HttpErrorCode.bodySize(request, written));
    }
    return Optional.empty();
  }

  /**
   * {@code outgoing-body.finish}: ends the body, or returns the error if fewer bytes were written
   * than the content length declared (the message is then aborted).
   *
   * @throws HostException if the output stream is still alive (the guest traps, as WIT says)
   */
  Optional<HttpErrorCode> finish(CallContext context, Optional<Fields> trailers) {
    if (stream.isPresent() && stream.get().alive(context)) {
      throw new HostException(
          "outgoing-body.finish called while its output-stream is still alive; drop it first");
    }
    done = true;
    if (contentLength.isPresent() && written != contentLength.get()) {
      sink.abort(
          "body of " + written + " bytes does not match content-length " + contentLength.get());
      return Optional.of(HttpErrorCode.bodySize(request, written));
    }
    sink.finish(trailers.map(Fields::freeze));
    return Optional.empty();
  }

  /** The guest dropped the body without finishing it: the message is incomplete. */
  void dropped() {
    if (!done) {
      done = true;
      sink.abort("outgoing-body dropped without finish");
    }
  }
}
