package io.plantline.simulators.domain;

/**
 * First-order thermal model of a motor winding: {@code C dT/dt = P_loss - G (T - T_ambient)}.
 *
 * <p>{@code C} is the heat capacity in J/K and {@code G = 1/R_th} the thermal conductance to
 * ambient in W/K. They follow from two data-sheet figures: the temperature rise at rated losses
 * ({@code rise = P_rated * R_th}) and the thermal time constant ({@code tau = R_th * C}). A loss of
 * cooling (e.g. a failed fan) scales {@code G} by {@code 1 - loss}, which raises both the
 * steady-state rise and the time constant. Each step is integrated exactly for losses held constant
 * over the step.
 */
final class ThermalModel {

  private final double ambientC;
  private final double capacityJPerK;
  private final double conductanceWPerK;
  private double coolingLoss;
  private double temperatureC;

  /**
   * @param ambientC ambient temperature, also the initial winding temperature
   * @param ratedLossW losses at rated load in W
   * @param ratedRiseK steady-state temperature rise at rated losses in K
   * @param timeConstantSeconds thermal time constant with normal cooling
   */
  ThermalModel(double ambientC, double ratedLossW, double ratedRiseK, double timeConstantSeconds) {
    this.ambientC = ambientC;
    this.conductanceWPerK = ratedLossW / ratedRiseK;
    this.capacityJPerK = timeConstantSeconds * conductanceWPerK;
    this.temperatureC = ambientC;
  }

  /** Sets the fraction of cooling lost, 0 (normal) to 1 (none). */
  void coolingLoss(double fraction) {
    this.coolingLoss = fraction;
  }

  /** Integrates {@code seconds} with constant losses {@code lossW}; returns the new temperature. */
  double advance(double lossW, double seconds) {
    double conductance = conductanceWPerK * (1 - coolingLoss);
    if (conductance <= 0) {
      temperatureC += lossW * seconds / capacityJPerK;
    } else {
      double steadyC = ambientC + lossW / conductance;
      temperatureC =
          steadyC + (temperatureC - steadyC) * Math.exp(-seconds * conductance / capacityJPerK);
    }
    return temperatureC;
  }

  double temperatureC() {
    return temperatureC;
  }
}
