package dev.trellis.host.http;

import dev.trellis.host.engine.spi.CallContext;

/**
 * The {@code wasi:io} stream a body handed to the guest: its rep in the instance's shared resource
 * table and the object, so the body can tell whether the guest still holds it (WIT requires the
 * stream child to be dropped before its body is finished).
 *
 * @param rep the stream's rep
 * @param stream the stream object
 */
record StreamHandle(long rep, Object stream) {

  /** Whether the guest still holds the stream. */
  boolean alive(CallContext context) {
    return context.resources().find((int) rep).filter(o -> o == stream).isPresent();
  }
}
