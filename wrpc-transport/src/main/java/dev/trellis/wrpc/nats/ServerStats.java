package dev.trellis.wrpc.nats;

/**
 * A snapshot of what a {@link WrpcServer} has done, for health reporting.
 *
 * @param inFlight invocations being served now
 * @param served invocations that completed successfully
 * @param failed invocations that failed (malformed, handler error, peer gone)
 * @param draining whether the server has stopped taking new invocations
 */
public record ServerStats(int inFlight, long served, long failed, boolean draining) {}
