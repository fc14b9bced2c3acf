package dev.trellis.wrpc.nats;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The consuming end of {@link CreditGate}: counts the bytes read from one incoming async channel
 * and, every {@code step} bytes, tells the producer the running total (ASCII decimal) on {@code
 * <producer base>.credit.<channel>}.
 */
final class Creditor {
  private final NatsIo io;
  private final String subject;
  private final long step;
  private long taken;
  private long reported;

  Creditor(NatsIo io, String subject, long step) {
    this.io = io;
    this.subject = subject;
    this.step = Math.max(1, step);
  }

  /** {@code bytes} more were read by the consumer. */
  void taken(int bytes) {
    taken += bytes;
    if (taken - reported >= step) {
      reported = taken;
      io.publish(
          subject,
          Optional.empty(),
          Optional.empty(),
          Long.toString(taken).getBytes(StandardCharsets.US_ASCII));
    }
  }
}
