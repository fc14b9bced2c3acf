package dev.trellis.host.http;

/**
 * Where an incoming body's bytes come from (a request on the server, a response from the HTTP
 * client), read without blocking: {@link #read} returns what has arrived, {@link #await} waits for
 * more. Implementations hold at most one network chunk, so a guest that does not read stops the
 * network (back-pressure) instead of filling memory.
 */
interface ChunkSource {

  /** Returned by {@link #read} when nothing has arrived yet. */
  byte[] EMPTY = new byte[0];

  /**
   * Up to {@code max} bytes that have arrived, or {@link #EMPTY} if none has yet.
   *
   * @throws dev.trellis.host.wasi.WasiStreamException closed at the end of the body
   * @throws BodyException when the body failed (connection lost, timeout)
   */
  byte[] read(int max);

  /**
   * Waits at most {@code nanos} until {@link #read} would return bytes, end or failure.
   *
   * @return whether it would
   * @throws dev.trellis.host.HostException if the waiting thread is interrupted (deadline)
   */
  boolean await(long nanos);

  /** Stops reading; what has not been read is discarded. */
  void close();
}
