package io.plantline.simulators.domain;

import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A three-phase energy meter at a plant's feeder, measuring a load that follows a {@link
 * ShiftLoadProfile}.
 *
 * <p>Active power P (kW) is the profile's expected load times {@code 1 + x}, with {@code x}
 * mean-reverting noise (5 %, 2 min correlation time). The load splits unevenly over the phases
 * (about ±3 %, fixed per seed). Line-to-neutral voltages U (V) carry a fixed unbalance (±0.5 %),
 * slow fluctuation (0.4 %) and a supply drop growing with the phase load to 2 % at peak load. Phase
 * currents follow from {@code P_i = U_i I_i PF}, so {@code P = sum(U_i I_i) PF} holds exactly;
 * reactive power is {@code Q = P tan(acos PF)}. The power factor fluctuates slightly around its
 * parameter, the frequency (Hz) by about 15 mHz around nominal.
 *
 * <p>Per phase it also reports active power (the phase's share of P) and the power factor (the same
 * on every phase), the points a real three-phase meter such as the Eastron SDM630 has.
 *
 * <p>energy_kwh integrates the active power over simulated time with the trapezoidal rule; with
 * {@code rolloverKwh} it wraps to zero there, like a counter register of limited width.
 *
 * <p>Type {@code machine-meter} is the same meter on one machine: its load follows the machine's
 * run state ({@link MachineDutyCycle}: off, idle, setup, running, per shift schedule or held by a
 * scenario), reported as the extra point {@code machine_state}. Both types take the scenario events
 * of a meter: {@link DeviceEvent.ReplaceMeter} (the counter restarts at zero), {@link
 * DeviceEvent.PresetEnergy}, {@link DeviceEvent.LoadSpike}; the machine meter also {@link
 * DeviceEvent.HoldMachineState}.
 */
final class EnergyMeter implements DeviceModel {

  static final String TYPE = "energy-meter";
  static final String MACHINE_TYPE = "machine-meter";
  static final String MACHINE_STATE = "machine_state";
  static final String[] VOLTAGES = {"voltage_l1_v", "voltage_l2_v", "voltage_l3_v"};
  static final String[] CURRENTS = {"current_l1_a", "current_l2_a", "current_l3_a"};
  static final String[] PHASE_POWERS = {
    "active_power_l1_kw", "active_power_l2_kw", "active_power_l3_kw"
  };
  static final String[] PHASE_POWER_FACTORS = {
    "power_factor_l1", "power_factor_l2", "power_factor_l3"
  };
  static final String ACTIVE_POWER = "active_power_kw";
  static final String REACTIVE_POWER = "reactive_power_kvar";
  static final String POWER_FACTOR = "power_factor";
  static final String FREQUENCY = "frequency_hz";
  static final String ENERGY = "energy_kwh";

  /** Voltage drop over the supply at peak load, relative. */
  static final double PEAK_DROP = 0.02;

  private static final Set<String> POINTS =
      ModelSupport.pointSet(
          VOLTAGES[0],
          VOLTAGES[1],
          VOLTAGES[2],
          CURRENTS[0],
          CURRENTS[1],
          CURRENTS[2],
          PHASE_POWERS[0],
          PHASE_POWERS[1],
          PHASE_POWERS[2],
          PHASE_POWER_FACTORS[0],
          PHASE_POWER_FACTORS[1],
          PHASE_POWER_FACTORS[2],
          ACTIVE_POWER,
          REACTIVE_POWER,
          POWER_FACTOR,
          FREQUENCY,
          ENERGY);

  private static final Set<String> MACHINE_POINTS = withMachineState();

  private final EnergyMeterConfig config;
  private final MachineDutyCycle machine;
  private double spikeKw;
  private double spikeUntilSeconds;
  private final ShiftLoadProfile profile;
  private final OrnsteinUhlenbeck loadNoise;
  private final OrnsteinUhlenbeck powerFactorNoise;
  private final OrnsteinUhlenbeck frequencyNoise;
  private final OrnsteinUhlenbeck[] voltageNoise = new OrnsteinUhlenbeck[3];
  private final double[] unbalance = new double[3];
  private final double[] phaseShare = new double[3];
  private final double[] voltages = new double[3];
  private final double[] currents = new double[3];
  private final double[] phasePowers = new double[3];
  private double elapsedSeconds;
  private double activeKw;
  private double reactiveKvar;
  private double powerFactor;
  private double frequencyHz;
  private double energyKwh;

  EnergyMeter(EnergyMeterConfig config, long seed) {
    this(config, null, seed);
  }

  /** A meter on a machine following {@code machine}, or a feeder meter when it is null. */
  EnergyMeter(EnergyMeterConfig config, MachineDutyCycle machine, long seed) {
    this.config = config;
    this.machine = machine;
    this.profile =
        new ShiftLoadProfile(
            config.baseLoadKw(),
            config.peakLoadKw(),
            config.shiftStartHour(),
            config.shiftEndHour());
    SplittableRandom random = new SplittableRandom(seed);
    this.loadNoise = new OrnsteinUhlenbeck(120, 0.05, random);
    this.powerFactorNoise = new OrnsteinUhlenbeck(300, 0.005, random);
    this.frequencyNoise = new OrnsteinUhlenbeck(30, 0.015, random);
    double shareSum = 0;
    for (int i = 0; i < 3; i++) {
      voltageNoise[i] = new OrnsteinUhlenbeck(60, 0.004, random);
      unbalance[i] = 0.005 * random.nextGaussian();
      phaseShare[i] = Math.max(0.5, 1 + 0.03 * random.nextGaussian());
      shareSum += phaseShare[i];
    }
    for (int i = 0; i < 3; i++) {
      phaseShare[i] *= 3 / shareSum;
    }
    this.energyKwh = config.initialEnergyKwh();
    measure();
  }

  static EnergyMeter create(Params params, long seed) {
    return new EnergyMeter(EnergyMeterConfig.from(params), seed);
  }

  static EnergyMeter createOnMachine(Params params, long seed) {
    MachineMeterConfig config = MachineMeterConfig.from(params);
    return new EnergyMeter(config.electrics(), new MachineDutyCycle(config), seed);
  }

  private static Set<String> withMachineState() {
    String[] names = new String[POINTS.size() + 1];
    int i = 0;
    for (String point : POINTS) {
      names[i++] = point;
    }
    names[i] = MACHINE_STATE;
    return ModelSupport.pointSet(names);
  }

  @Override
  public String type() {
    return machine == null ? TYPE : MACHINE_TYPE;
  }

  @Override
  public Set<String> points() {
    return machine == null ? POINTS : MACHINE_POINTS;
  }

  @Override
  public void advance(Duration dt) {
    double seconds = ModelSupport.seconds(dt);
    double before = activeKw;
    elapsedSeconds += seconds;
    loadNoise.advance(seconds);
    powerFactorNoise.advance(seconds);
    frequencyNoise.advance(seconds);
    for (OrnsteinUhlenbeck noise : voltageNoise) {
      noise.advance(seconds);
    }
    measure();
    energyKwh += (before + activeKw) / 2 * seconds / 3600;
    if (config.rolloverKwh() > 0 && energyKwh >= config.rolloverKwh()) {
      energyKwh -= config.rolloverKwh();
    }
  }

  @Override
  public double read(String point) {
    for (int i = 0; i < 3; i++) {
      if (VOLTAGES[i].equals(point)) {
        return voltages[i];
      }
      if (CURRENTS[i].equals(point)) {
        return currents[i];
      }
      if (PHASE_POWERS[i].equals(point)) {
        return phasePowers[i];
      }
      if (PHASE_POWER_FACTORS[i].equals(point)) {
        return powerFactor;
      }
    }
    return switch (point) {
      case ACTIVE_POWER -> activeKw;
      case REACTIVE_POWER -> reactiveKvar;
      case POWER_FACTOR -> powerFactor;
      case FREQUENCY -> frequencyHz;
      case ENERGY -> energyKwh;
      case MACHINE_STATE -> {
        if (machine == null) {
          throw ModelSupport.unknownPoint(TYPE, point, POINTS);
        }
        yield machine.state(elapsedSeconds).code();
      }
      default -> throw ModelSupport.unknownPoint(type(), point, points());
    };
  }

  @Override
  public void write(String point, double value) {
    throw ModelSupport.notWritable(TYPE, point, POINTS, Set.of());
  }

  @Override
  public void apply(DeviceEvent event) {
    if (event instanceof DeviceEvent.ReplaceMeter) {
      energyKwh = 0;
    } else if (event instanceof DeviceEvent.PresetEnergy preset) {
      if (config.rolloverKwh() > 0 && preset.kwh() >= config.rolloverKwh()) {
        throw new IllegalStateException(
            "kwh: must be below the meter's rolloverKwh "
                + config.rolloverKwh()
                + ", was "
                + preset.kwh());
      }
      energyKwh = preset.kwh();
    } else if (event instanceof DeviceEvent.LoadSpike spike) {
      spikeKw = spike.extraKw();
      spikeUntilSeconds = elapsedSeconds + ModelSupport.seconds(spike.duration());
      measure();
    } else if (event instanceof DeviceEvent.HoldMachineState hold && machine != null) {
      machine.hold(hold.state(), elapsedSeconds, hold.duration());
      measure();
    } else {
      throw ModelSupport.unsupported(type(), event);
    }
  }

  /** Hour of day at the current simulated time, 0 up to 24. */
  double hourOfDay() {
    return (config.startHourOfDay() + elapsedSeconds / 3600) % 24;
  }

  /** The expected power at the current simulated time (profile or machine, plus a spike), kW. */
  double expectedLoadKw() {
    double load = machine == null ? profile.loadKw(hourOfDay()) : machine.loadKw(elapsedSeconds);
    return elapsedSeconds < spikeUntilSeconds ? load + spikeKw : load;
  }

  private void measure() {
    activeKw = Math.max(0, expectedLoadKw() * (1 + loadNoise.value()));
    powerFactor = Math.min(1, Math.max(0.3, config.powerFactor() + powerFactorNoise.value()));
    reactiveKvar = activeKw * Math.sqrt(1 - powerFactor * powerFactor) / powerFactor;
    frequencyHz = config.nominalFrequencyHz() + frequencyNoise.value();
    for (int i = 0; i < 3; i++) {
      double phaseKw = activeKw * phaseShare[i] / 3;
      phasePowers[i] = phaseKw;
      double drop = config.peakLoadKw() > 0 ? PEAK_DROP * 3 * phaseKw / config.peakLoadKw() : 0;
      double sourceV = config.nominalVoltageV() * (1 + unbalance[i] + voltageNoise[i].value());
      voltages[i] = sourceV * (1 - Math.min(0.5, drop));
      currents[i] = phaseKw * 1000 / (voltages[i] * powerFactor);
    }
  }
}
