package io.plantline.simulators.domain;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A machine-tool spindle driven by an inverter-fed induction motor.
 *
 * <p>Speed (rpm) follows the setpoint with a first-order lag of 2 s while RUNNING; on a stop the
 * drive ramps it down with the same lag, on a FAULT the spindle coasts down (8 s). Current (A) and
 * losses come from {@link MotorElectrics}; the winding temperature (°C) from a {@link ThermalModel}
 * with a 50 K rise at rated losses and the configured time constant. Bearing vibration is the RMS
 * velocity in mm/s, {@code 1.2 (n/n_rated) (1 + 8 w^2)}, with {@code w} the {@link BearingWear}.
 *
 * <p>Faults: a bearing reaching {@code w = 1} fails for good (fault_reset and Start are refused); a
 * winding above 155 °C (insulation class F) trips, and the trip can be reset once the winding has
 * cooled below 100 °C. After a reset the motor is IDLE. Like a real drive, writes of run_command or
 * fault_reset that the motor cannot honour are accepted and ignored; the corresponding events throw
 * {@link IllegalStateException} so a scenario sees the refusal.
 *
 * <p>part_count grows at partsPerMinute scaled by speed while RUNNING; operating_hours counts
 * RUNNING time. Measurement noise is drawn once per step, so reading has no side effect.
 */
final class MotorSpindle implements DeviceModel {

  static final String TYPE = "motor-spindle";
  static final String STATE = "state";
  static final String SPEED = "speed_rpm";
  static final String CURRENT = "current_a";
  static final String TEMPERATURE = "winding_temperature_c";
  static final String VIBRATION = "bearing_vibration_mm_s";
  static final String PART_COUNT = "part_count";
  static final String OPERATING_HOURS = "operating_hours";
  static final String SETPOINT = "speed_setpoint_rpm";
  static final String RUN_COMMAND = "run_command";
  static final String FAULT_RESET = "fault_reset";
  static final String FAULT_ACTIVE = "fault_active";

  static final double RATED_RISE_K = 50;
  static final double TRIP_C = 155;
  static final double RESET_BELOW_C = 100;
  static final double SPEED_TIME_CONSTANT_S = 2;
  static final double COAST_TIME_CONSTANT_S = 8;
  static final double BASE_VIBRATION_MM_S = 1.2;

  private static final Set<String> POINTS =
      ModelSupport.pointSet(
          STATE,
          SPEED,
          CURRENT,
          TEMPERATURE,
          VIBRATION,
          PART_COUNT,
          OPERATING_HOURS,
          SETPOINT,
          RUN_COMMAND,
          FAULT_RESET,
          FAULT_ACTIVE);
  private static final Set<String> WRITABLE =
      ModelSupport.pointSet(SETPOINT, RUN_COMMAND, FAULT_RESET);

  /** Why the motor is faulted. */
  enum FaultCause {
    NONE,
    BEARING_FAILURE,
    OVER_TEMPERATURE
  }

  private final MotorConfig config;
  private final SplittableRandom random;
  private final MotorElectrics electrics;
  private final ThermalModel thermal;
  private final BearingWear bearing;
  private final FirstOrderLag speed;
  private RunState state;
  private FaultCause fault = FaultCause.NONE;
  private double setpointRpm;
  private double parts;
  private double runningHours;
  private double speedReading;
  private double currentReading;
  private double temperatureReading;
  private double vibrationReading;

  MotorSpindle(MotorConfig config, long seed) {
    this.config = config;
    this.random = new SplittableRandom(seed);
    this.electrics =
        new MotorElectrics(config.ratedCurrentA(), config.ratedSpeedRpm(), SPEED_TIME_CONSTANT_S);
    this.thermal =
        new ThermalModel(
            config.ambientC(),
            electrics.ratedLossW(),
            RATED_RISE_K,
            config.thermalTimeConstantMin() * 60);
    this.bearing = new BearingWear(config.initialWear());
    this.setpointRpm = config.setpointRpm();
    this.state = config.running() ? RunState.RUNNING : RunState.IDLE;
    this.speed = new FirstOrderLag(config.running() ? setpointRpm : 0);
    sample(electrics.currentA(config.running(), speed.value(), 0, bearing.friction()));
  }

  static MotorSpindle create(Params params, long seed) {
    return new MotorSpindle(MotorConfig.from(params), seed);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> points() {
    return POINTS;
  }

  @Override
  public void advance(Duration dt) {
    double seconds = ModelSupport.seconds(dt);
    boolean running = state == RunState.RUNNING;
    double before = speed.value();
    double target = running ? setpointRpm : 0;
    double tau = state == RunState.FAULT ? COAST_TIME_CONSTANT_S : SPEED_TIME_CONSTANT_S;
    double after = speed.advance(target, tau, seconds);
    if (running) {
      double hours = seconds / 3600;
      bearing.run(hours);
      runningHours += hours;
      double meanSpeed = (before + after) / 2;
      parts += config.partsPerMinute() / 60 * meanSpeed / config.ratedSpeedRpm() * seconds;
    }
    double current =
        electrics.currentA(running, after, (after - before) / seconds, bearing.friction());
    thermal.advance(electrics.lossW(current, after, bearing.friction()), seconds);
    checkFaults();
    sample(current);
  }

  @Override
  public double read(String point) {
    return switch (point) {
      case STATE -> state.code();
      case SPEED -> speedReading;
      case CURRENT -> currentReading;
      case TEMPERATURE -> temperatureReading;
      case VIBRATION -> vibrationReading;
      case PART_COUNT -> Math.floor(parts);
      case OPERATING_HOURS -> runningHours;
      case SETPOINT -> setpointRpm;
      case RUN_COMMAND -> state == RunState.RUNNING ? 1 : 0;
      case FAULT_RESET -> 0;
      case FAULT_ACTIVE -> state == RunState.FAULT ? 1 : 0;
      default -> throw ModelSupport.unknownPoint(TYPE, point, POINTS);
    };
  }

  @Override
  public void write(String point, double value) {
    switch (point) {
      case SETPOINT ->
          setpointRpm = ModelSupport.setpoint(TYPE, point, value, 0, config.maxSetpointRpm());
      case RUN_COMMAND -> {
        if (ModelSupport.command(TYPE, point, value)) {
          tryStart();
        } else {
          stop();
        }
      }
      case FAULT_RESET -> {
        if (ModelSupport.command(TYPE, point, value)) {
          tryReset();
        }
      }
      default -> throw ModelSupport.notWritable(TYPE, point, POINTS, WRITABLE);
    }
  }

  @Override
  public void apply(DeviceEvent event) {
    if (event instanceof DeviceEvent.Start) {
      if (!tryStart()) {
        throw new IllegalStateException(TYPE + " is faulted (" + fault + "): Start refused");
      }
    } else if (event instanceof DeviceEvent.Stop) {
      stop();
    } else if (event instanceof DeviceEvent.DegradeBearing degrade) {
      bearing.degrade(degrade.wearPerRunningHour());
    } else if (event instanceof DeviceEvent.Overheat overheat) {
      thermal.coolingLoss(overheat.coolingLossFraction());
    } else if (event instanceof DeviceEvent.ResetFault) {
      if (!tryReset()) {
        throw new IllegalStateException(refusedResetReason());
      }
    } else {
      throw ModelSupport.unsupported(TYPE, event);
    }
  }

  /** The current fault cause, {@link FaultCause#NONE} unless faulted. */
  FaultCause faultCause() {
    return fault;
  }

  /** Bearing wear, 0 (new) to 1 (failed). */
  double bearingWear() {
    return bearing.wear();
  }

  private boolean tryStart() {
    if (state == RunState.FAULT) {
      return false;
    }
    state = RunState.RUNNING;
    return true;
  }

  private void stop() {
    if (state == RunState.RUNNING) {
      state = RunState.IDLE;
    }
  }

  /** Clears a fault whose cause is gone; true when the motor is no longer faulted. */
  private boolean tryReset() {
    if (state != RunState.FAULT) {
      return true;
    }
    if (fault == FaultCause.OVER_TEMPERATURE && thermal.temperatureC() < RESET_BELOW_C) {
      state = RunState.IDLE;
      fault = FaultCause.NONE;
      return true;
    }
    return false;
  }

  private String refusedResetReason() {
    if (fault == FaultCause.BEARING_FAILURE) {
      return TYPE + " bearing has failed: ResetFault refused, the bearing must be replaced";
    }
    return String.format(
        Locale.ROOT,
        "%s winding is %.1f °C: ResetFault refused until it cools below %.0f °C",
        TYPE,
        thermal.temperatureC(),
        RESET_BELOW_C);
  }

  private void checkFaults() {
    if (bearing.failed()) {
      trip(FaultCause.BEARING_FAILURE);
    } else if (thermal.temperatureC() > TRIP_C) {
      trip(FaultCause.OVER_TEMPERATURE);
    }
  }

  private void trip(FaultCause cause) {
    if (fault != FaultCause.BEARING_FAILURE) {
      fault = cause;
    }
    state = RunState.FAULT;
  }

  /** Draws the measurement noise of this step's readings. */
  private void sample(double currentA) {
    double n = speed.value();
    speedReading = n > 1 ? Math.max(0, n + 0.5 * random.nextGaussian()) : 0;
    double currentSigma = 0.005 * config.ratedCurrentA() + 0.01 * currentA;
    currentReading =
        currentA > 0 ? Math.max(0, currentA + currentSigma * random.nextGaussian()) : 0;
    temperatureReading = thermal.temperatureC() + 0.1 * random.nextGaussian();
    double vibration =
        BASE_VIBRATION_MM_S * Math.abs(n) / config.ratedSpeedRpm() * bearing.vibrationFactor();
    double relativeNoise = 0.04 * random.nextGaussian();
    double background = 0.03 * Math.abs(random.nextGaussian());
    vibrationReading = Math.max(0, vibration * (1 + relativeNoise) + background);
  }
}
