package io.plantline.simulators.domain;

/**
 * Parameters of a {@code machine-meter}: an energy meter on one machine, whose load follows the
 * machine's run state ({@link MachineDutyCycle}), as read from a plant file.
 *
 * @param offKw standby draw when switched off, kW
 * @param idleKw draw when powered but not producing, kW
 * @param setupKw draw during setup and changeover, kW
 * @param runningKw draw when producing, kW (the largest of the four)
 * @param shiftStartHour hour of day a shift starts, 0..24
 * @param shiftEndHour hour of day it ends, different from the start
 * @param setupMinutes setup at the start of each shift, minutes (shorter than the shift)
 * @param workdays working days from Monday, 0..7
 * @param startHourOfDay hour of day at simulated time zero
 * @param startDayOfWeek day of week at simulated time zero, 1 = Monday .. 7 = Sunday
 * @param electrics the meter's electrical parameters (power factor, voltage, frequency, counter)
 */
record MachineMeterConfig(
    double offKw,
    double idleKw,
    double setupKw,
    double runningKw,
    double shiftStartHour,
    double shiftEndHour,
    double setupMinutes,
    int workdays,
    double startHourOfDay,
    int startDayOfWeek,
    EnergyMeterConfig electrics) {

  static MachineMeterConfig from(Params p) {
    double off = p.number("offKw", 0.5, 0, 1_000_000);
    double idle = p.number("idleKw", 8, 0, 1_000_000);
    double setup = p.number("setupKw", 15, 0, 1_000_000);
    double running = p.number("runningKw", 45, 0, 1_000_000);
    double start = p.number("shiftStartHour", 6, 0, 24);
    double end = p.number("shiftEndHour", 22, 0, 24);
    double setupMinutes = p.number("setupMinutes", 30, 0, 24 * 60);
    int workdays = (int) p.number("workdays", 5, 0, 7);
    double startHour = p.number("startHourOfDay", 8, 0, 24);
    int startDay = (int) p.number("startDayOfWeek", 1, 1, 7);
    double rollover = p.number("rolloverKwh", 0, 0, 1e12);
    double initial = p.number("initialEnergyKwh", 0, 0, 1e12);
    EnergyMeterConfig electrics =
        new EnergyMeterConfig(
            off,
            running,
            start,
            end,
            startHour,
            p.number("powerFactor", 0.85, 0.5, 1),
            p.number("nominalVoltageV", 230, 50, 1000),
            p.number("nominalFrequencyHz", 50, 40, 70),
            initial,
            rollover);
    p.rejectUnknown();
    double most = Math.max(off, Math.max(idle, setup));
    if (running < most) {
      throw p.invalid(
          "runningKw", Params.plain(running), "at least offKw, idleKw and setupKw (" + most + ")");
    }
    if ((end - start) % 24 == 0) {
      throw p.invalid(
          "shiftEndHour",
          Params.plain(end),
          "a different hour of day than shiftStartHour (" + Params.plain(start) + ")");
    }
    if (setupMinutes / 60 >= ((end - start) % 24 + 24) % 24) {
      throw p.invalid("setupMinutes", Params.plain(setupMinutes), "shorter than the shift");
    }
    if (rollover > 0 && initial >= rollover) {
      throw p.invalid(
          "initialEnergyKwh", Params.plain(initial), "below rolloverKwh (" + rollover + ")");
    }
    return new MachineMeterConfig(
        off,
        idle,
        setup,
        running,
        start,
        end,
        setupMinutes,
        workdays,
        startHour,
        startDay,
        electrics);
  }
}
