package io.plantline.simulators.domain;

import java.util.SplittableRandom;

/**
 * Mean-reverting coloured noise (Ornstein-Uhlenbeck process) around zero with stationary standard
 * deviation {@code sigma} and correlation time {@code tau}. The exact discretisation makes its
 * statistics independent of the step length, so slow load fluctuations look the same at 10 ms and
 * at 1 s steps.
 */
final class OrnsteinUhlenbeck {

  private final double tauSeconds;
  private final double sigma;
  private final SplittableRandom random;
  private double value;

  /** Starts at a sample of the stationary distribution. */
  OrnsteinUhlenbeck(double tauSeconds, double sigma, SplittableRandom random) {
    this.tauSeconds = tauSeconds;
    this.sigma = sigma;
    this.random = random;
    this.value = sigma * random.nextGaussian();
  }

  double advance(double seconds) {
    double decay = Math.exp(-seconds / tauSeconds);
    value = value * decay + sigma * Math.sqrt(1 - decay * decay) * random.nextGaussian();
    return value;
  }

  double value() {
    return value;
  }
}
