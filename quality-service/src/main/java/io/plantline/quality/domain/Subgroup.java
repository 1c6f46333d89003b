package io.plantline.quality.domain;

import java.time.Instant;
import java.util.Arrays;

/**
 * One subgroup: n measurements (variables charts), or one count with the size it was counted in
 * (attribute charts: defectives among {@code size} items, or defects in {@code size} units).
 *
 * @param number the subgroup's number within the characteristic, from 1
 * @param at when its last value was measured
 * @param values the measurements, or the one count
 * @param size the sample size of a count (1 for measurements)
 */
public record Subgroup(long number, Instant at, double[] values, double size) {

  /** Checks the values are finite and the size positive. */
  public Subgroup {
    if (values.length == 0) {
      throw new IllegalArgumentException("a subgroup needs at least one value");
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("subgroup values must be finite");
      }
    }
    if (!(size > 0) || !Double.isFinite(size)) {
      throw new IllegalArgumentException("size must be positive, was " + size);
    }
    values = values.clone();
  }

  /** A subgroup of measurements. */
  public static Subgroup of(long number, Instant at, double... values) {
    return new Subgroup(number, at, values, 1);
  }

  /** The measurements' mean (or the count). */
  public double mean() {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** Largest minus smallest value. */
  public double range() {
    double min = values[0];
    double max = values[0];
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return max - min;
  }

  /** Sample standard deviation (n − 1). */
  public double standardDeviation() {
    if (values.length < 2) {
      return 0;
    }
    double mean = mean();
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / (values.length - 1));
  }

  /** The values (a copy). */
  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Subgroup s
        && s.number == number
        && s.at.equals(at)
        && Arrays.equals(s.values, values)
        && s.size == size;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(number) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Subgroup[" + number + ", " + at + ", " + Arrays.toString(values) + ", n=" + size + "]";
  }
}
