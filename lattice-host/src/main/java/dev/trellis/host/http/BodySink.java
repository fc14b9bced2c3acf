package dev.trellis.host.http;

import java.util.Optional;

/**
 * Where an outgoing body's bytes go (a response on the server, a request body of the HTTP client),
 * with a bounded buffer: {@link #room} is the {@code check-write} budget and never exceeds the
 * buffer, so a guest can never queue more than that many bytes in the host.
 */
interface BodySink {

  /** The bytes a write may hand over now; 0 means wait ({@link #await}). */
  long room();

  /**
   * Accepts {@code bytes}; may block while the network takes earlier bytes.
   *
   * @throws BodyException if the peer went away or the body failed
   */
  void write(byte[] bytes);

  /** Pushes buffered bytes towards the network. */
  void flush();

  /** Waits at most {@code nanos} until {@link #room} is positive; returns whether it is. */
  boolean await(long nanos);

  /** Ends the body, with trailers if given. */
  void finish(Optional<Fields> trailers);

  /** Ends the body as failed: the peer must see it incomplete, never as a complete message. */
  void abort(String reason);
}
