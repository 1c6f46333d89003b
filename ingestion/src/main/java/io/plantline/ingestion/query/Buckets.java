package io.plantline.ingestion.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-side downsampling: points of {@code [from, to)} folded into consecutive buckets of {@code
 * step}, starting at {@code from}. Each non-empty bucket keeps count, min, max, sum and the time of
 * its first point. Points may arrive in any order.
 */
public final class Buckets {
  private final Instant from;
  private final Instant to;
  private final long stepNanos;
  private final Bucket[] buckets;

  /** Buckets covering {@code [from, to)}; the caller has checked the bucket count. */
  public Buckets(Instant from, Instant to, Duration step) {
    this.from = from;
    this.to = to;
    this.stepNanos = step.toNanos();
    this.buckets = new Bucket[(int) TelemetryQuery.buckets(Duration.between(from, to), step)];
  }

  /** Adds one point; points outside {@code [from, to)} are ignored. */
  public void add(Instant time, double value) {
    if (time.isBefore(from) || !time.isBefore(to)) {
      return;
    }
    Duration offset = Duration.between(from, time);
    int index = (int) (offset.toNanos() / stepNanos);
    Bucket bucket = buckets[index];
    if (bucket == null) {
      buckets[index] = new Bucket(from.plusNanos(index * stepNanos), time, value);
    } else {
      bucket.add(time, value);
    }
  }

  /** The non-empty buckets in time order. */
  public List<Summary> summaries() {
    List<Summary> result = new ArrayList<>();
    for (Bucket b : buckets) {
      if (b != null) {
        result.add(new Summary(b.start, b.firstTime, b.count, b.min, b.max, b.sum / b.count));
      }
    }
    return result;
  }

  /**
   * One downsampled bucket.
   *
   * @param start the bucket's start ({@code from + i * step})
   * @param firstTime time of the bucket's earliest point
   * @param count number of points
   * @param min smallest value
   * @param max largest value
   * @param avg arithmetic mean
   */
  public record Summary(
      Instant start, Instant firstTime, long count, double min, double max, double avg) {}

  private static final class Bucket {
    private final Instant start;
    private Instant firstTime;
    private long count = 1;
    private double min;
    private double max;
    private double sum;

    Bucket(Instant start, Instant time, double value) {
      this.start = start;
      this.firstTime = time;
      this.min = value;
      this.max = value;
      this.sum = value;
    }

    void add(Instant time, double value) {
      count++;
      min = Math.min(min, value);
      max = Math.max(max, value);
      sum += value;
      if (time.isBefore(firstTime)) {
        firstTime = time;
      }
    }
  }
}
