package dev.trellis.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, summarised as percentiles. */
final class Percentiles {
  private final long[] sorted;

  Percentiles(long[] samples) {
    this.sorted = samples.clone();
    Arrays.sort(sorted);
  }

  /** The {@code p}-th percentile (0..100) in milliseconds, nearest-rank. */
  double millis(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    int index = Math.min(sorted.length - 1, Math.max(0, rank - 1));
    return sorted[index] / 1_000_000.0;
  }
}
