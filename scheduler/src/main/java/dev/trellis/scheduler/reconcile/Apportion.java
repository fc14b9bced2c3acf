package dev.trellis.scheduler.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Divides a number of instances between weighted groups by the largest-remainder method: each group
 * gets the whole part of its share, then the instances left over go one each to the groups with the
 * largest remainders (ties: the larger weight, then the earlier group). Deterministic, sums to the
 * total exactly, and never gives anything to a group of weight zero. When every weight is zero,
 * every group gets zero.
 */
public final class Apportion {
  private Apportion() {}

  /** The share of each group, in the order of {@code weights}. */
  public static List<Integer> of(int total, List<Integer> weights) {
    if (total < 0) {
      throw new IllegalArgumentException("total must be >= 0, got " + total);
    }
    long sum = weights.stream().mapToLong(Integer::longValue).sum();
    List<Integer> shares = new ArrayList<>();
    if (sum == 0) {
      weights.forEach(w -> shares.add(0));
      return List.copyOf(shares);
    }
    long[] remainders = new long[weights.size()];
    int given = 0;
    for (int i = 0; i < weights.size(); i++) {
      long product = (long) total * weights.get(i);
      shares.add((int) (product / sum));
      remainders[i] = product % sum;
      given += shares.get(i);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparingLong((Integer i) -> -remainders[i])
            .thenComparing(i -> -weights.get(i))
            .thenComparing(i -> i));
    for (int k = 0; k < total - given; k++) {
      int index = order.get(k);
      shares.set(index, shares.get(index) + 1);
    }
    return List.copyOf(shares);
  }
}
