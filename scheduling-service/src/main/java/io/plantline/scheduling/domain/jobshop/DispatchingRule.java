package io.plantline.scheduling.domain.jobshop;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Classic priority dispatching rules, decoded by {@link ActiveScheduleDecoder} into active
 * schedules: the baseline a shop floor would get from a simple dispatcher.
 */
public enum DispatchingRule {
  /** Shortest processing time first. */
  SPT,
  /** Most work remaining in the job (from this operation to the job's end) first. */
  MWKR;

  /** The rank array of this rule for a problem (ties by operation number). */
  public int[] rank(JobShop shop) {
    int n = shop.operationCount();
    int[] key = new int[n];
    switch (this) {
      case SPT -> {
        for (int o = 0; o < n; o++) {
          key[o] = shop.durationOf(o);
        }
      }
      case MWKR -> {
        int[] remaining = remainingWork(shop);
        for (int o = 0; o < n; o++) {
          key[o] = -remaining[o];
        }
      }
    }
    int[] list =
        IntStream.range(0, n)
            .boxed()
            .sorted(Comparator.<Integer>comparingInt(o -> key[o]).thenComparingInt(o -> o))
            .mapToInt(Integer::intValue)
            .toArray();
    return ActiveScheduleDecoder.rankOf(list);
  }

  /** Dispatches the whole problem by this rule. */
  public Schedule dispatch(JobShop shop) {
    return new ActiveScheduleDecoder(shop).decode(rank(shop));
  }

  /** Longest path of job work from each operation (itself included) to the end of its job. */
  static int[] remainingWork(JobShop shop) {
    int n = shop.operationCount();
    int[] remaining = new int[n];
    Arrays.fill(remaining, -1);
    for (int o = 0; o < n; o++) {
      remainingFrom(shop, o, remaining);
    }
    return remaining;
  }

  private static int remainingFrom(JobShop shop, int o, int[] memo) {
    if (memo[o] >= 0) {
      return memo[o];
    }
    int after = 0;
    for (int s : shop.jobSuccessors(o)) {
      after = Math.max(after, remainingFrom(shop, s, memo));
    }
    memo[o] = shop.durationOf(o) + after;
    return memo[o];
  }
}
