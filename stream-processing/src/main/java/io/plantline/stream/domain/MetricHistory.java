package io.plantline.stream.domain;

import java.util.Arrays;

/**
 * The recent history of one metric of one device in fixed time buckets (min, max, sum, count per
 * bucket), fed in event-time order. It backs alarm evidence (min/max/mean over the last minutes)
 * and the rules that compare now with a window ago, in bounded memory: retention / bucket entries.
 *
 * <p>A mutable POJO with primitive arrays so Flink serialises it without Kryo.
 */
public final class MetricHistory {
  /** Bucket start times, oldest first. */
  public long[] starts = new long[0];

  /** Smallest value per bucket. */
  public double[] mins = new double[0];

  /** Largest value per bucket. */
  public double[] maxs = new double[0];

  /** Sum of values per bucket. */
  public double[] sums = new double[0];

  /** Number of values per bucket. */
  public long[] counts = new long[0];

  /** The latest value. */
  public double last = Double.NaN;

  /** Time of the latest value, or -1. */
  public long lastTime = -1;

  /** A POJO needs a public no-argument constructor. */
  public MetricHistory() {}

  /** min, max and mean of the values of a time span; count 0 when it held none. */
  public record Summary(double min, double max, double mean, long count) {}

  /**
   * Adds a value and drops buckets that ended more than {@code retentionMs} before {@code time}.
   */
  public void add(long time, double value, long bucketMs, long retentionMs) {
    if (time >= lastTime) {
      last = value;
      lastTime = time;
    }
    long start = Math.floorDiv(time, bucketMs) * bucketMs;
    int n = starts.length;
    int at = Arrays.binarySearch(starts, start);
    if (at >= 0) {
      mins[at] = Math.min(mins[at], value);
      maxs[at] = Math.max(maxs[at], value);
      sums[at] += value;
      counts[at]++;
    } else {
      int insert = -at - 1;
      starts = insert(starts, insert, start);
      mins = insert(mins, insert, value);
      maxs = insert(maxs, insert, value);
      sums = insert(sums, insert, value);
      counts = insert(counts, insert, 1L);
      n++;
    }
    int drop = 0;
    while (drop < n && starts[drop] + bucketMs <= lastTime - retentionMs) {
      drop++;
    }
    if (drop > 0) {
      starts = Arrays.copyOfRange(starts, drop, n);
      mins = Arrays.copyOfRange(mins, drop, n);
      maxs = Arrays.copyOfRange(maxs, drop, n);
      sums = Arrays.copyOfRange(sums, drop, n);
      counts = Arrays.copyOfRange(counts, drop, n);
    }
  }

  /** Summary of the buckets that overlap the last {@code windowMs} before {@code now}. */
  public Summary summarize(long now, long windowMs, long bucketMs) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    long count = 0;
    for (int i = 0; i < starts.length; i++) {
      if (starts[i] + bucketMs > now - windowMs && starts[i] <= now) {
        min = Math.min(min, mins[i]);
        max = Math.max(max, maxs[i]);
        sum += sums[i];
        count += counts[i];
      }
    }
    return count == 0 ? new Summary(0, 0, 0, 0) : new Summary(min, max, sum / count, count);
  }

  /**
   * The latest value minus the mean of the bucket that holds {@code now - windowMs}; NaN while the
   * history does not reach back that far.
   */
  public double rise(long now, long windowMs) {
    long then = now - windowMs;
    for (int i = starts.length - 1; i >= 0; i--) {
      if (starts[i] <= then) {
        return last - sums[i] / counts[i];
      }
    }
    return Double.NaN;
  }

  private static long[] insert(long[] a, int at, long v) {
    long[] r = new long[a.length + 1];
    System.arraycopy(a, 0, r, 0, at);
    r[at] = v;
    System.arraycopy(a, at, r, at + 1, a.length - at);
    return r;
  }

  private static double[] insert(double[] a, int at, double v) {
    double[] r = new double[a.length + 1];
    System.arraycopy(a, 0, r, 0, at);
    r[at] = v;
    System.arraycopy(a, at, r, at + 1, a.length - at);
    return r;
  }
}
