package dev.trellis.host.workload;

/**
 * How one component of a running workload has been used.
 *
 * @param invocations calls served
 * @param retired warm instances retired (after {@code max_invocations} calls or a trap)
 * @param pooled warm instances idle right now
 */
public record ComponentStats(long invocations, long retired, int pooled) {}
