package io.plantline.simulators.domain;

/**
 * Current draw and losses of an inverter-fed spindle motor.
 *
 * <p>Current (A) = no-load (magnetising) current, 30 % of rated, + a load term {@code (I_rated -
 * I_no_load) (n/n_rated)^2} for a fan-like spindle load + a bearing friction term up to 25 % of
 * rated current for a fully worn bearing, growing with {@code w^2} and speed + an acceleration term
 * up to 50 % of rated while the drive ramps the speed up. A de-energised motor draws nothing.
 *
 * <p>Losses (W): copper losses {@code P_rated_loss (I/I_rated)^2}, with rated losses of about 47 W
 * per rated ampere (8 % of the input of a 400 V, power factor 0.85 motor), plus bearing friction
 * heat up to 40 % of rated losses for a fully worn bearing at rated speed.
 */
final class MotorElectrics {

  static final double NO_LOAD_FRACTION = 0.3;
  static final double FRICTION_FRACTION = 0.25;
  static final double ACCELERATION_FRACTION = 0.5;
  static final double RATED_LOSS_W_PER_A = 47;
  static final double BEARING_LOSS_FRACTION = 0.4;

  private final double ratedCurrentA;
  private final double ratedSpeedRpm;
  private final double ratedAccelerationRpmPerS;

  /**
   * @param rampTimeConstantS the drive's speed time constant; accelerating from standstill to rated
   *     speed at it draws the full acceleration term
   */
  MotorElectrics(double ratedCurrentA, double ratedSpeedRpm, double rampTimeConstantS) {
    this.ratedCurrentA = ratedCurrentA;
    this.ratedSpeedRpm = ratedSpeedRpm;
    this.ratedAccelerationRpmPerS = ratedSpeedRpm / rampTimeConstantS;
  }

  /** Losses at rated current with a new bearing, W. */
  double ratedLossW() {
    return RATED_LOSS_W_PER_A * ratedCurrentA;
  }

  /** True (noise-free) current of the motor, A. */
  double currentA(
      boolean energized, double speedRpm, double accelerationRpmPerS, double bearingFriction) {
    if (!energized) {
      return 0;
    }
    double relativeSpeed = Math.abs(speedRpm) / ratedSpeedRpm;
    double noLoad = NO_LOAD_FRACTION * ratedCurrentA;
    double load = (ratedCurrentA - noLoad) * relativeSpeed * relativeSpeed;
    double friction = FRICTION_FRACTION * ratedCurrentA * bearingFriction * relativeSpeed;
    double acceleration =
        ACCELERATION_FRACTION
            * ratedCurrentA
            * Math.min(1, Math.max(0, accelerationRpmPerS / ratedAccelerationRpmPerS));
    return noLoad + load + friction + acceleration;
  }

  /** Heat produced in the motor, W. */
  double lossW(double currentA, double speedRpm, double bearingFriction) {
    double relativeCurrent = currentA / ratedCurrentA;
    double relativeSpeed = Math.abs(speedRpm) / ratedSpeedRpm;
    double copper = ratedLossW() * relativeCurrent * relativeCurrent;
    double bearing = BEARING_LOSS_FRACTION * ratedLossW() * bearingFriction * relativeSpeed;
    return copper + bearing;
  }
}
