package io.plantline.energy.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The consumption of one series in one billing interval.
 *
 * @param start the interval's start
 * @param end the interval's end, exclusive
 * @param amount what was consumed (kWh, or units produced)
 * @param coveredSeconds how much of the interval lies between samples (not in a gap)
 * @param gapSeconds how much of the interval lies in reported gaps
 */
public record IntervalEnergy(
    Instant start, Instant end, double amount, double coveredSeconds, double gapSeconds) {

  /** The interval length in seconds. */
  public double seconds() {
    return Duration.between(start, end).getSeconds();
  }

  /** The mean rate over the interval: demand in kW for energy, units per hour for production. */
  public double demand() {
    return amount / (seconds() / 3600);
  }

  /** Whether samples cover the whole interval (no gap, no missing edge). */
  public boolean complete() {
    return gapSeconds == 0 && coveredSeconds >= seconds() - 1e-6;
  }

  /** This interval with the given figures added. */
  IntervalEnergy plus(double amount, double covered, double gap) {
    return new IntervalEnergy(
        start, end, this.amount + amount, coveredSeconds + covered, gapSeconds + gap);
  }
}
