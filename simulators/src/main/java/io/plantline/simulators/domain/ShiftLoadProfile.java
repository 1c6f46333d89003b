package io.plantline.simulators.domain;

/**
 * The expected active power of a plant over the day: a base load (lighting, compressors, IT) all
 * day, and the production load on top during the shift, ramping up over the first and down over the
 * last half hour. A shift may run past midnight (end hour before start hour).
 */
final class ShiftLoadProfile {

  static final double RAMP_HOURS = 0.5;

  private final double baseKw;
  private final double peakKw;
  private final double startHour;
  private final double shiftHours;

  ShiftLoadProfile(double baseKw, double peakKw, double startHour, double endHour) {
    this.baseKw = baseKw;
    this.peakKw = peakKw;
    this.startHour = startHour;
    this.shiftHours = floorMod(endHour - startHour);
  }

  /** Expected active power at {@code hourOfDay} (0 up to 24), kW. */
  double loadKw(double hourOfDay) {
    return baseKw + (peakKw - baseKw) * activity(hourOfDay);
  }

  private double activity(double hourOfDay) {
    double sinceStart = floorMod(hourOfDay - startHour);
    if (sinceStart >= shiftHours) {
      return 0;
    }
    double rampUp = sinceStart / RAMP_HOURS;
    double rampDown = (shiftHours - sinceStart) / RAMP_HOURS;
    return Math.min(1, Math.min(rampUp, rampDown));
  }

  private static double floorMod(double hours) {
    double h = hours % 24;
    return h < 0 ? h + 24 : h;
  }
}
