package io.plantline.simulators.domain;

/**
 * Parameters of an {@link EnergyMeter}, as read from a plant file.
 *
 * @param baseLoadKw active power outside the shift, kW
 * @param peakLoadKw active power during the shift, kW (at least baseLoadKw)
 * @param shiftStartHour hour of day the shift starts, 0..24
 * @param shiftEndHour hour of day the shift ends, 0..24, different from the start
 * @param startHourOfDay hour of day at simulated time zero
 * @param powerFactor mean power factor (inductive), 0.5..1
 * @param nominalVoltageV line-to-neutral voltage, V
 * @param nominalFrequencyHz grid frequency, Hz
 * @param initialEnergyKwh energy register at start, kWh
 * @param rolloverKwh the energy register wraps to zero at this value (a counter of limited width),
 *     0 when it never does
 */
record EnergyMeterConfig(
    double baseLoadKw,
    double peakLoadKw,
    double shiftStartHour,
    double shiftEndHour,
    double startHourOfDay,
    double powerFactor,
    double nominalVoltageV,
    double nominalFrequencyHz,
    double initialEnergyKwh,
    double rolloverKwh) {

  static EnergyMeterConfig from(Params p) {
    double base = p.number("baseLoadKw", 20, 0, 1_000_000);
    double peak = p.number("peakLoadKw", 120, 0, 1_000_000);
    double start = p.number("shiftStartHour", 6, 0, 24);
    double end = p.number("shiftEndHour", 22, 0, 24);
    EnergyMeterConfig config =
        new EnergyMeterConfig(
            base,
            peak,
            start,
            end,
            p.number("startHourOfDay", 8, 0, 24),
            p.number("powerFactor", 0.88, 0.5, 1),
            p.number("nominalVoltageV", 230, 50, 1000),
            p.number("nominalFrequencyHz", 50, 40, 70),
            p.number("initialEnergyKwh", 0, 0, 1e12),
            p.number("rolloverKwh", 0, 0, 1e12));
    p.rejectUnknown();
    if (config.rolloverKwh() > 0 && config.initialEnergyKwh() >= config.rolloverKwh()) {
      throw p.invalid(
          "initialEnergyKwh",
          Params.plain(config.initialEnergyKwh()),
          "below rolloverKwh (" + Params.plain(config.rolloverKwh()) + ")");
    }
    if (peak < base) {
      throw p.invalid(
          "peakLoadKw", Params.plain(peak), "at least baseLoadKw (" + Params.plain(base) + ")");
    }
    if ((end - start) % 24 == 0) {
      throw p.invalid(
          "shiftEndHour",
          Params.plain(end),
          "a different hour of day than shiftStartHour (" + Params.plain(start) + ")");
    }
    return config;
  }
}
