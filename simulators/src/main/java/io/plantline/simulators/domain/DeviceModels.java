package io.plantline.simulators.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates device models by the type names used in plant files.
 *
 * <table>
 *   <caption>Types and their parameters (defaults)</caption>
 *   <tr><th>type</th><th>parameters</th></tr>
 *   <tr><td>motor-spindle</td><td>ratedSpeedRpm 3000, ratedCurrentA 12, ambientC 25,
 *       thermalTimeConstantMin 20, partsPerMinute 6, initialWear 0, running true, setpointRpm =
 *       ratedSpeedRpm</td></tr>
 *   <tr><td>energy-meter</td><td>baseLoadKw 20, peakLoadKw 120, shiftStartHour 6, shiftEndHour
 *       22, startHourOfDay 8, powerFactor 0.88, nominalVoltageV 230, nominalFrequencyHz 50,
 *       initialEnergyKwh 0, rolloverKwh 0 (never)</td></tr>
 *   <tr><td>machine-meter</td><td>offKw 0.5, idleKw 8, setupKw 15, runningKw 45, shiftStartHour 6,
 *       shiftEndHour 22, setupMinutes 30, workdays 5, startHourOfDay 8, startDayOfWeek 1 (Monday),
 *       powerFactor 0.85, nominalVoltageV 230, nominalFrequencyHz 50, initialEnergyKwh 0,
 *       rolloverKwh 0</td></tr>
 *   <tr><td>quality-gauge</td><td>nominalMm 25.000, meanOffsetMm 0, sigmaMm 0.004, cycleSeconds
 *       20, resolutionMm 0.001</td></tr>
 *   <tr><td>pump</td><td>ratedFlowM3h 50, ratedHeadBar 6, ratedPowerKw 11, suctionBar 1.0,
 *       staticHeadBar 0, running true, speedSetpointPct 100</td></tr>
 *   <tr><td>csv-replay</td><td>file (required), speed 1.0, loop true</td></tr>
 * </table>
 *
 * <p>Parameter values may be numbers, booleans or strings holding them.
 */
public final class DeviceModels {

  /** Builds a model from validated parameters. */
  private interface Factory {
    DeviceModel create(Params params, long seed);
  }

  private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

  static {
    FACTORIES.put(MotorSpindle.TYPE, MotorSpindle::create);
    FACTORIES.put(EnergyMeter.TYPE, EnergyMeter::create);
    FACTORIES.put(EnergyMeter.MACHINE_TYPE, EnergyMeter::createOnMachine);
    FACTORIES.put(QualityGauge.TYPE, QualityGauge::create);
    FACTORIES.put(Pump.TYPE, Pump::create);
    FACTORIES.put(CsvReplay.TYPE, CsvReplay::create);
  }

  private DeviceModels() {}

  /**
   * Creates a model of {@code type} from a plant file's per-device parameters.
   *
   * @param params parameter name to Number, Boolean or String; null or missing entries take the
   *     defaults
   * @param seed seed of all the model's random draws
   * @throws IllegalArgumentException for an unknown type, an unknown parameter (naming the accepted
   *     ones) or an invalid value (naming the accepted range)
   */
  public static DeviceModel create(String type, Map<String, Object> params, long seed) {
    Objects.requireNonNull(type, "type");
    Factory factory = FACTORIES.get(type);
    if (factory == null) {
      throw new IllegalArgumentException(
          "unknown device type '" + type + "'; known types: " + String.join(", ", types()));
    }
    return factory.create(new Params(type, params), seed);
  }

  /** The known types, in a stable order. */
  public static List<String> types() {
    return List.copyOf(FACTORIES.keySet());
  }
}
