package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.IndexPath;
import java.time.Duration;
import java.util.Optional;

/**
 * The credit-based back-pressure both Trellis ends agree on through {@link
 * WrpcHeaders#TRELLIS_CREDIT_WINDOW}: which of a call's outgoing async channels wait for credits,
 * and where this side reports what it reads. Absent for upstream peers.
 *
 * @param io publishes credits
 * @param own this side's exchange, where credits for its outgoing channels arrive
 * @param outgoing the name of this side's outgoing async channels ({@code params} or {@code
 *     results})
 * @param peerWindow the peer's announced window for what this side sends; empty for no gating
 * @param peerBase the peer's base ({@code R_s} or {@code R_c}), where this side's credits go
 * @param incoming the name of the incoming async channels ({@code results} or {@code params})
 * @param peerReadsCredits whether the peer gates on credits, so this side must report its reads
 * @param ownWindow the window this side announced; its reports come every quarter of it
 * @param idleTimeout how long a gated producer waits for a credit
 */
record FlowControl(
    NatsIo io,
    Exchange own,
    String outgoing,
    Optional<Long> peerWindow,
    String peerBase,
    String incoming,
    boolean peerReadsCredits,
    long ownWindow,
    Duration idleTimeout) {

  /** The gate for outgoing channel {@code path}, if the peer sends credits. */
  Optional<CreditGate> gate(IndexPath path) {
    return peerWindow.map(w -> own.gate(outgoing + "." + path.toSubjectSuffix(), w, idleTimeout));
  }

  /** The credit reporter for incoming channel {@code path}, if the peer waits for credits. */
  Optional<Creditor> creditor(IndexPath path) {
    if (!peerReadsCredits) {
      return Optional.empty();
    }
    String subject = peerBase + "." + Exchange.CREDIT + incoming + "." + path.toSubjectSuffix();
    return Optional.of(new Creditor(io, subject, ownWindow / 4));
  }

  /** The window a side announces: half of what one channel may buffer. */
  static long announcedWindow(WrpcTransportConfig config) {
    return Math.max(1, config.maxBufferedBytes() / 2);
  }

  /** The window a peer announced in {@code headers}, if it is a Trellis peer. */
  static Optional<Long> peerWindow(io.nats.client.impl.Headers headers) {
    if (headers == null) {
      return Optional.empty();
    }
    String value = headers.getFirst(WrpcHeaders.TRELLIS_CREDIT_WINDOW);
    if (value == null || value.isEmpty() || value.length() > 18) {
      return Optional.empty();
    }
    return value.chars().allMatch(Character::isDigit) && Long.parseLong(value) > 0
        ? Optional.of(Long.parseLong(value))
        : Optional.empty();
  }
}
