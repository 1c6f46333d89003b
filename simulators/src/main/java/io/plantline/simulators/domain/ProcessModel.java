package io.plantline.simulators.domain;

import java.util.SplittableRandom;

/**
 * The manufacturing process behind a measured dimension: each part is {@code mean(t) + spread *
 * N(0, 1)}, in mm, at simulated time {@code t} in seconds.
 *
 * <p>{@code mean(t) = nominal + offset + shifts + drift(t) + amplitude sin(2 pi (t - t_cycle) /
 * period)}; {@code spread = sigma * varianceFactor * stratification}. Shifts add up, variance
 * changes multiply; a trend replaces the drift rate (the drift accumulated so far stays), a cycle
 * and a stratification replace the previous one. {@link #restore(double)} brings the process back
 * under control at its configured mean and sigma.
 */
final class ProcessModel {

  private final double baseMean;
  private final double sigma;
  private double shift;
  private double driftBase;
  private double driftPerHour;
  private double driftSince;
  private double spreadFactor = 1;
  private double stratification = 1;
  private double cycleAmplitude;
  private double cyclePeriodSeconds = 1;
  private double cycleSince;

  ProcessModel(double nominal, double offset, double sigma) {
    this.baseMean = nominal + offset;
    this.sigma = sigma;
  }

  /** The process mean at {@code t}, mm. */
  double mean(double t) {
    double drift = driftBase + driftPerHour * (t - driftSince) / 3600;
    double cycle = cycleAmplitude * Math.sin(2 * Math.PI * (t - cycleSince) / cyclePeriodSeconds);
    return baseMean + shift + drift + cycle;
  }

  /** The standard deviation of parts around the mean, mm. */
  double spread() {
    return sigma * spreadFactor * stratification;
  }

  /** A part made at {@code t}. */
  double sample(double t, SplittableRandom random) {
    return mean(t) + spread() * random.nextGaussian();
  }

  void shift(double delta) {
    shift += delta;
  }

  void trend(double t, double perHour) {
    driftBase += driftPerHour * (t - driftSince) / 3600;
    driftSince = t;
    driftPerHour = perHour;
  }

  void scaleSpread(double factor) {
    spreadFactor *= factor;
  }

  void cycle(double t, double amplitude, double periodSeconds) {
    cycleAmplitude = amplitude;
    cyclePeriodSeconds = periodSeconds;
    cycleSince = t;
  }

  void stratify(double factor) {
    stratification = factor;
  }

  /** Back to the in-control process: no shift, drift, cycle, variance change or stratification. */
  void restore(double t) {
    shift = 0;
    driftBase = 0;
    driftPerHour = 0;
    driftSince = t;
    spreadFactor = 1;
    stratification = 1;
    cycleAmplitude = 0;
  }
}
