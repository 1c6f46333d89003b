package io.plantline.energy.domain;

import java.time.Instant;

/**
 * A span whose consumption is not known sample by sample; it is reported, never interpolated.
 *
 * @param start the last sample before the gap
 * @param end the first sample after it
 * @param reason why the span is a gap
 * @param unattributed what the counter says was consumed over the span, not assigned to intervals
 *     ({@link Double#NaN} when unknown: a replaced counter or a power series)
 */
public record Gap(Instant start, Instant end, Reason reason, double unattributed) {

  /** Why a span is a gap. */
  public enum Reason {
    /** No sample for longer than the counter's {@code maxGap}. */
    NO_DATA,
    /** The counter went down and was not a rollover, and restarting from zero is implausible. */
    COUNTER_REPLACED,
    /** The counter rose faster than {@code maxRatePerHour} allows. */
    IMPLAUSIBLE_JUMP
  }

  /** Whether the counter tells the amount consumed over the gap. */
  public boolean amountKnown() {
    return !Double.isNaN(unattributed);
  }
}
