package io.plantline.gateway.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Report-by-exception for one point: report when |value - lastReported| > deadband, or when
 * maxSilence passed since the last report (heartbeat), or on the first value, or when quality
 * changes, or when the value becomes/stops being NaN.
 *
 * <p>A deadband of 0 reports every change and suppresses repeats of the same value. A maxSilence of
 * zero reports every reading (report-by-exception off). Two NaNs in a row count as unchanged, so a
 * point that stays unavailable is only repeated by the heartbeat. Not thread-safe: one instance per
 * point, used by the point's poller.
 */
public final class ReportByException {

  private final double deadband;
  private final Duration maxSilence;
  private boolean reported;
  private double lastValue;
  private boolean lastGood;
  private Instant lastAt;

  /**
   * @param deadband the change in engineering units that must be exceeded, finite and >= 0
   * @param maxSilence the longest time without a report, zero or more (zero: report everything)
   */
  public ReportByException(double deadband, Duration maxSilence) {
    Objects.requireNonNull(maxSilence, "maxSilence");
    if (!Double.isFinite(deadband) || deadband < 0) {
      throw new IllegalArgumentException("deadband must be finite and >= 0, was " + deadband);
    }
    if (maxSilence.isNegative()) {
      throw new IllegalArgumentException("maxSilence must not be negative, was " + maxSilence);
    }
    this.deadband = deadband;
    this.maxSilence = maxSilence;
  }

  /**
   * Whether this reading should be reported; when it returns true, the reading becomes the last
   * reported one.
   *
   * @param value the engineering value, may be NaN
   * @param good whether the reading's quality is good
   * @param at when the value was read
   */
  public boolean shouldReport(double value, boolean good, Instant at) {
    Objects.requireNonNull(at, "at");
    if (!reported || changed(value, good) || !at.isBefore(lastAt.plus(maxSilence))) {
      reported = true;
      lastValue = value;
      lastGood = good;
      lastAt = at;
      return true;
    }
    return false;
  }

  private boolean changed(double value, boolean good) {
    if (good != lastGood) {
      return true;
    }
    boolean nan = Double.isNaN(value);
    if (nan != Double.isNaN(lastValue)) {
      return true;
    }
    return !nan && Math.abs(value - lastValue) > deadband;
  }
}
