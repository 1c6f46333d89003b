package io.plantline.simulators.domain;

/**
 * A first-order lag {@code tau * dx/dt = target - x}, integrated exactly for a target held constant
 * over each step, so it is stable for any step length.
 */
final class FirstOrderLag {

  private double value;

  FirstOrderLag(double initial) {
    this.value = initial;
  }

  /** Moves towards {@code target} over {@code seconds} with time constant {@code tauSeconds}. */
  double advance(double target, double tauSeconds, double seconds) {
    value = target + (value - target) * Math.exp(-seconds / tauSeconds);
    return value;
  }

  double value() {
    return value;
  }
}
