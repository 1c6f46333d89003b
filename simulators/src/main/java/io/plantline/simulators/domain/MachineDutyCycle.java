package io.plantline.simulators.domain;

import java.time.Duration;

/**
 * The run state of a machine over the week, and the power it draws in each state: on working days a
 * shift of setup (the first {@code setupMinutes}) then production; switched off between shifts and
 * on the other days. A scenario may hold a state for a while whatever the schedule says (a break, a
 * changeover, a machine left idle over a weekend). A shift may run past midnight; it belongs to the
 * day it started.
 */
final class MachineDutyCycle {
  private static final double WEEK_HOURS = 7 * 24;

  private final double[] kwByState = new double[MachineState.values().length];
  private final double shiftStartHour;
  private final double shiftHours;
  private final double setupHours;
  private final int workdays;
  private final double startHourOfWeek;
  private MachineState held;
  private double heldUntilSeconds;

  /** The schedule and loads of {@code config}. */
  MachineDutyCycle(MachineMeterConfig config) {
    kwByState[MachineState.OFF.ordinal()] = config.offKw();
    kwByState[MachineState.IDLE.ordinal()] = config.idleKw();
    kwByState[MachineState.SETUP.ordinal()] = config.setupKw();
    kwByState[MachineState.RUNNING.ordinal()] = config.runningKw();
    this.shiftStartHour = config.shiftStartHour();
    this.shiftHours = floorMod(config.shiftEndHour() - config.shiftStartHour(), 24);
    this.setupHours = config.setupMinutes() / 60;
    this.workdays = config.workdays();
    this.startHourOfWeek = (config.startDayOfWeek() - 1) * 24 + config.startHourOfDay();
  }

  /** The state at {@code elapsedSeconds} of simulated time. */
  MachineState state(double elapsedSeconds) {
    if (held != null && elapsedSeconds < heldUntilSeconds) {
      return held;
    }
    return scheduled(elapsedSeconds);
  }

  /** The state the shift schedule gives at {@code elapsedSeconds}. */
  MachineState scheduled(double elapsedSeconds) {
    double hourOfWeek = floorMod(startHourOfWeek + elapsedSeconds / 3600, WEEK_HOURS);
    double sinceShiftStart = floorMod(hourOfWeek - shiftStartHour, 24);
    int shiftDay = (int) Math.floor(floorMod(hourOfWeek - sinceShiftStart, WEEK_HOURS) / 24 + 1e-9);
    if (shiftDay >= workdays || sinceShiftStart >= shiftHours) {
      return MachineState.OFF;
    }
    return sinceShiftStart < setupHours ? MachineState.SETUP : MachineState.RUNNING;
  }

  /** The power the machine draws at {@code elapsedSeconds}, kW, before measurement noise. */
  double loadKw(double elapsedSeconds) {
    return kwByState[state(elapsedSeconds).ordinal()];
  }

  /** Holds {@code state} from {@code nowSeconds} for {@code duration}. */
  void hold(MachineState state, double nowSeconds, Duration duration) {
    held = state;
    heldUntilSeconds = nowSeconds + ModelSupport.seconds(duration);
  }

  private static double floorMod(double value, double modulus) {
    double m = value % modulus;
    return m < 0 ? m + modulus : m;
  }
}
