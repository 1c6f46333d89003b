package io.plantline.simulators.domain;

/**
 * Parameters of a {@link MotorSpindle}, as read from a plant file.
 *
 * @param ratedSpeedRpm speed at rated load, rpm
 * @param ratedCurrentA current at rated speed and load with a new bearing, A
 * @param ambientC ambient (and initial winding) temperature, °C
 * @param thermalTimeConstantMin winding thermal time constant with normal cooling, minutes
 * @param partsPerMinute parts produced per minute at rated speed
 * @param initialWear bearing wear at start, 0..0.99
 * @param running whether the motor runs from the start (at its setpoint, already up to speed)
 * @param setpointRpm initial speed setpoint, rpm
 */
record MotorConfig(
    double ratedSpeedRpm,
    double ratedCurrentA,
    double ambientC,
    double thermalTimeConstantMin,
    double partsPerMinute,
    double initialWear,
    boolean running,
    double setpointRpm) {

  /** Highest accepted setpoint relative to rated speed (field weakening). */
  static final double MAX_SPEED_FACTOR = 1.2;

  static MotorConfig from(Params p) {
    double rated = p.number("ratedSpeedRpm", 3000, 1, 100_000);
    MotorConfig config =
        new MotorConfig(
            rated,
            p.number("ratedCurrentA", 12, 0.1, 5000),
            p.number("ambientC", 25, -40, 60),
            p.number("thermalTimeConstantMin", 20, 0.1, 600),
            p.number("partsPerMinute", 6, 0, 10_000),
            p.number("initialWear", 0, 0, 0.99),
            p.flag("running", true),
            p.number("setpointRpm", rated, 0, MAX_SPEED_FACTOR * rated));
    p.rejectUnknown();
    return config;
  }

  double maxSetpointRpm() {
    return MAX_SPEED_FACTOR * ratedSpeedRpm;
  }
}
