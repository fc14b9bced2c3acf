package dev.trellis.host.plugin.wrpc;

import java.util.Arrays;

/**
 * A resource a guest holds that lives on a remote wRPC peer (a key-value bucket opened on a
 * provider): the guest's handle is a host-side resource whose object is this, the opaque wire bytes
 * the peer returned for it. Borrowing or passing it sends those bytes back; dropping the guest's
 * own handle only forgets them here, since wRPC has no drop message.
 */
final class RemoteHandle {
  private final byte[] wire;

  RemoteHandle(byte[] wire) {
    this.wire = wire.clone();
  }

  /** The bytes the peer knows the resource by (a copy). */
  byte[] wire() {
    return wire.clone();
  }

  @Override
  public String toString() {
    return "RemoteHandle[" + wire.length + " bytes, " + Arrays.hashCode(wire) + "]";
  }
}
