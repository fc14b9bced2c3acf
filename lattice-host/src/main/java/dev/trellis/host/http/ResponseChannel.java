package dev.trellis.host.http;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The server side of a response body once its head has been sent: blocking writes to the
 * connection. Implemented by {@link ServerExchange}.
 */
interface ResponseChannel {

  /**
   * Writes {@code bytes} (the last ones if {@code last}), waiting until the connection took them.
   *
   * @throws BodyException if the client went away
   */
  void write(ByteBuffer bytes, boolean last, Optional<Fields> trailers);

  /** Fails the response so the client sees it incomplete. */
  void abort(String reason);
}
