/**
 * Resilience policies around wRPC calls, built on resilience4j: a per-call deadline (time limiter),
 * a circuit breaker per target (per function or per target prefix), one bulkhead per host, and
 * retries for functions declared idempotent only. Every rejection is a typed {@link
 * dev.trellis.wrpc.nats.WrpcCallException}, so the engine maps each to a guest error value or a
 * trap, never a hang.
 */
package dev.trellis.wrpc.resilience;
