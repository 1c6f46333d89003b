package io.plantline.ingestion.query;

import java.time.Duration;

/**
 * Caps of the telemetry query API.
 *
 * @param maxPoints most points (raw) or buckets (downsampled) in one response
 * @param maxRange longest {@code to - from}
 * @param maxPageSize most devices in one page of the registry listing
 */
public record QueryLimits(int maxPoints, Duration maxRange, int maxPageSize) {

  /** Validates that every cap is positive. */
  public QueryLimits {
    if (maxPoints < 1) {
      throw new IllegalArgumentException("max points must be at least 1, was " + maxPoints);
    }
    if (maxRange.isNegative() || maxRange.isZero()) {
      throw new IllegalArgumentException("max range must be positive, was " + maxRange);
    }
    if (maxPageSize < 1) {
      throw new IllegalArgumentException("max page size must be at least 1, was " + maxPageSize);
    }
  }

  /** 10,000 points, 31 days, 500 devices per page. */
  public static QueryLimits defaults() {
    return new QueryLimits(10_000, Duration.ofDays(31), 500);
  }
}
