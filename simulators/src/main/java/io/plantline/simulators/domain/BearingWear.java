package io.plantline.simulators.domain;

/**
 * Rolling-bearing wear {@code w} from 0 (new) to 1 (failed). Wear grows linearly with running time
 * at the rate set by a degradation event. Its effects grow with {@code w^2}, the way vibration and
 * friction stay small for most of a bearing's life and rise steeply towards its end.
 */
final class BearingWear {

  /** Vibration at {@code w = 1} is {@code 1 + VIBRATION_GAIN} times that of a new bearing. */
  static final double VIBRATION_GAIN = 8;

  private double wear;
  private double ratePerRunningHour;

  BearingWear(double initialWear) {
    this.wear = initialWear;
  }

  /** Sets the wear added per running hour; replaces any earlier rate. */
  void degrade(double perRunningHour) {
    this.ratePerRunningHour = perRunningHour;
  }

  /** Adds the wear of {@code hours} of running. */
  void run(double hours) {
    wear = Math.min(1, wear + ratePerRunningHour * hours);
  }

  double wear() {
    return wear;
  }

  boolean failed() {
    return wear >= 1;
  }

  /** Multiplier on the vibration of a new bearing: {@code 1 + 8 w^2}. */
  double vibrationFactor() {
    return 1 + VIBRATION_GAIN * wear * wear;
  }

  /** Friction relative to a fully worn bearing: {@code w^2}. */
  double friction() {
    return wear * wear;
  }
}
