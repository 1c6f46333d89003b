package io.plantline.simulators.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * A scenario event applied to a {@link DeviceModel}. Each record validates its arguments on
 * construction and throws {@link IllegalArgumentException} naming the offending component.
 */
public sealed interface DeviceEvent {

  /** Start the machine (like a run command). Refused while the machine is faulted. */
  record Start() implements DeviceEvent {}

  /** Stop the machine; it spins down. */
  record Stop() implements DeviceEvent {}

  /**
   * Bearing degradation: from now on the bearing wears by {@code wearPerRunningHour} (fraction of
   * its life, 0..1000 per hour) for every hour the machine runs. Replaces any earlier rate; 0 stops
   * further degradation.
   */
  record DegradeBearing(double wearPerRunningHour) implements DeviceEvent {
    public DegradeBearing {
      requireWithin("wearPerRunningHour", wearPerRunningHour, 0, 1000);
    }
  }

  /**
   * Loss of cooling, e.g. a failed fan: the heat transfer to ambient is reduced by {@code
   * coolingLossFraction} (0 = normal cooling, 1 = none). Replaces any earlier loss.
   */
  record Overheat(double coolingLossFraction) implements DeviceEvent {
    public Overheat {
      requireWithin("coolingLossFraction", coolingLossFraction, 0, 1);
    }
  }

  /** Acknowledge a fault, as the fault_reset command does; refused while the cause persists. */
  record ResetFault() implements DeviceEvent {}

  /** Sudden shift of the process mean of {@code point} by {@code delta} (point units). */
  record Shift(String point, double delta) implements DeviceEvent {
    public Shift {
      requirePoint(point);
      requireFinite("delta", delta);
    }
  }

  /** Slow drift of the process mean of {@code point}, in point units per hour. */
  record Trend(String point, double perHour) implements DeviceEvent {
    public Trend {
      requirePoint(point);
      requireFinite("perHour", perHour);
    }
  }

  /** The process spread (standard deviation) of {@code point} is multiplied by {@code factor}. */
  record VarianceChange(String point, double factor) implements DeviceEvent {
    public VarianceChange {
      requirePoint(point);
      requirePositive("factor", factor);
    }
  }

  /**
   * A periodic component {@code amplitude * sin(2 pi t / period)} added to the process mean of
   * {@code point}, e.g. a thermal cycle of the machine; amplitude 0 ends it.
   */
  record Cycle(String point, double amplitude, Duration period) implements DeviceEvent {
    public Cycle {
      requirePoint(point);
      requireFinite("amplitude", amplitude);
      Objects.requireNonNull(period, "period");
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("period must be > 0, was " + period);
      }
    }
  }

  /**
   * Too little variation around the mean of {@code point} (stratification): the spread is held at
   * {@code factor} (0 < factor <= 1) of its value, as with mixed samples or averaging gauges; 1
   * ends it.
   */
  record Stratification(String point, double factor) implements DeviceEvent {
    public Stratification {
      requirePoint(point);
      requirePositive("factor", factor);
      requireWithin("factor", factor, 0, 1);
    }
  }

  /** The energy meter is replaced by a new one: its energy counter restarts at zero. */
  record ReplaceMeter() implements DeviceEvent {}

  /**
   * The energy meter's counter is set to {@code kwh} (kWh, 0..1e12), for example just below the
   * value where it rolls over.
   */
  record PresetEnergy(double kwh) implements DeviceEvent {
    public PresetEnergy {
      requireWithin("kwh", kwh, 0, 1e12);
    }
  }

  /**
   * A brief extra load of {@code extraKw} (0..1e6) for {@code duration}, e.g. a furnace heating.
   */
  record LoadSpike(double extraKw, Duration duration) implements DeviceEvent {
    public LoadSpike {
      requireWithin("extraKw", extraKw, 0, 1e6);
      requirePositive("duration", duration);
    }
  }

  /**
   * The metered machine stays in {@code state} for {@code duration} whatever its shift schedule
   * says, e.g. a break, a changeover, or left idle over a weekend.
   */
  record HoldMachineState(MachineState state, Duration duration) implements DeviceEvent {
    public HoldMachineState {
      Objects.requireNonNull(state, "state");
      requirePositive("duration", duration);
    }
  }

  private static void requirePositive(String name, Duration duration) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + duration);
    }
  }

  private static void requirePoint(String point) {
    if (point == null || point.isBlank()) {
      throw new IllegalArgumentException("point must be a non-empty point name, was " + point);
    }
  }

  private static void requireFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number, was " + value);
    }
  }

  private static void requirePositive(String name, double value) {
    requireFinite(name, value);
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
  }

  private static void requireWithin(String name, double value, double min, double max) {
    requireFinite(name, value);
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be within [" + min + ", " + max + "], was " + value);
    }
  }
}
