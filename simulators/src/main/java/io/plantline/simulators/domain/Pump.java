package io.plantline.simulators.domain;

import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A variable-speed centrifugal pump.
 *
 * <p>The speed follows the setpoint (% of rated) with a first-order lag of 3 s while RUNNING and
 * runs down the same way when stopped; flow (m³/h), differential head and shaft power (kW) follow
 * from {@link PumpHydraulics}. Suction pressure (bar) is the parameter minus a suction line loss of
 * 0.1 bar at rated flow; discharge pressure is suction plus head. Pressure transmitters carry 0.01
 * bar of noise, the flow meter and power 0.5 %. Start/Stop events and run_command (1 start, 0 stop)
 * switch it; speed_setpoint_pct accepts 0..100.
 */
final class Pump implements DeviceModel {

  static final String TYPE = "pump";
  static final String STATE = "state";
  static final String DISCHARGE = "discharge_pressure_bar";
  static final String SUCTION = "suction_pressure_bar";
  static final String FLOW = "flow_m3_h";
  static final String POWER = "power_kw";
  static final String SETPOINT = "speed_setpoint_pct";
  static final String RUN_COMMAND = "run_command";

  static final double SPEED_TIME_CONSTANT_S = 3;
  static final double SUCTION_LOSS_BAR = 0.1;

  private static final Set<String> POINTS =
      ModelSupport.pointSet(STATE, DISCHARGE, SUCTION, FLOW, POWER, SETPOINT, RUN_COMMAND);
  private static final Set<String> WRITABLE = ModelSupport.pointSet(SETPOINT, RUN_COMMAND);

  private final PumpConfig config;
  private final PumpHydraulics hydraulics;
  private final SplittableRandom random;
  private final FirstOrderLag speed;
  private RunState state;
  private double setpointPct;
  private double dischargeReading;
  private double suctionReading;
  private double flowReading;
  private double powerReading;

  Pump(PumpConfig config, long seed) {
    this.config = config;
    this.hydraulics = new PumpHydraulics(config);
    this.random = new SplittableRandom(seed);
    this.setpointPct = config.speedSetpointPct();
    this.state = config.running() ? RunState.RUNNING : RunState.IDLE;
    this.speed = new FirstOrderLag(config.running() ? setpointPct / 100 : 0);
    sample();
  }

  static Pump create(Params params, long seed) {
    return new Pump(PumpConfig.from(params), seed);
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
    double target = state == RunState.RUNNING ? setpointPct / 100 : 0;
    speed.advance(target, SPEED_TIME_CONSTANT_S, seconds);
    sample();
  }

  @Override
  public double read(String point) {
    return switch (point) {
      case STATE -> state.code();
      case DISCHARGE -> dischargeReading;
      case SUCTION -> suctionReading;
      case FLOW -> flowReading;
      case POWER -> powerReading;
      case SETPOINT -> setpointPct;
      case RUN_COMMAND -> state == RunState.RUNNING ? 1 : 0;
      default -> throw ModelSupport.unknownPoint(TYPE, point, POINTS);
    };
  }

  @Override
  public void write(String point, double value) {
    switch (point) {
      case SETPOINT -> setpointPct = ModelSupport.setpoint(TYPE, point, value, 0, 100);
      case RUN_COMMAND ->
          state = ModelSupport.command(TYPE, point, value) ? RunState.RUNNING : RunState.IDLE;
      default -> throw ModelSupport.notWritable(TYPE, point, POINTS, WRITABLE);
    }
  }

  @Override
  public void apply(DeviceEvent event) {
    if (event instanceof DeviceEvent.Start) {
      state = RunState.RUNNING;
    } else if (event instanceof DeviceEvent.Stop) {
      state = RunState.IDLE;
    } else {
      throw ModelSupport.unsupported(TYPE, event);
    }
  }

  /** Relative speed, 1 = rated. */
  double relativeSpeed() {
    return speed.value();
  }

  private void sample() {
    PumpHydraulics.OperatingPoint point = hydraulics.at(speed.value());
    double relativeFlow = point.flowM3h() / config.ratedFlowM3h();
    double suction = config.suctionBar() - SUCTION_LOSS_BAR * relativeFlow * relativeFlow;
    suctionReading = suction + 0.01 * random.nextGaussian();
    dischargeReading = suction + point.headBar() + 0.01 * random.nextGaussian();
    flowReading = Math.max(0, point.flowM3h() * (1 + 0.005 * random.nextGaussian()));
    powerReading = Math.max(0, point.powerKw() * (1 + 0.005 * random.nextGaussian()));
  }
}
