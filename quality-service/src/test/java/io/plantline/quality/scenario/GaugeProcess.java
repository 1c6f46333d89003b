package io.plantline.quality.scenario;

import io.plantline.simulators.domain.DeviceEvent;
import io.plantline.simulators.domain.DeviceModel;
import io.plantline.simulators.domain.DeviceModels;
import java.time.Duration;
import java.util.Map;

/**
 * The simulators' own quality-gauge model (the physics the Modbus simulator serves), stepped one
 * part at a time: {@link #next} advances it by one cycle and reads {@code measured_dimension_mm};
 * {@link #shift} and {@link #restore} are the scenario events {@code shift} and {@code
 * reset-fault}.
 */
public final class GaugeProcess {
  private static final String DIMENSION = "measured_dimension_mm";

  private final DeviceModel gauge;
  private final Duration cycle;

  private GaugeProcess(Map<String, Object> params, long seed) {
    this.gauge = DeviceModels.create("quality-gauge", params, seed);
    this.cycle =
        Duration.ofMillis(Math.round(((Number) params.get("cycleSeconds")).doubleValue() * 1000));
  }

  /**
   * plant-small's bore gauge (simulators/plants/plant-small.yaml): 25.000 mm, σ 0.004 mm, a part
   * every 20 s.
   */
  public static GaugeProcess boreGauge(long seed) {
    return new GaugeProcess(
        Map.of("nominalMm", 25.000, "sigmaMm", 0.004, "cycleSeconds", 20), seed);
  }

  /** Shifts the process mean by {@code delta} mm (the scenario's {@code shift}; shifts add up). */
  public void shift(double delta) {
    gauge.apply(new DeviceEvent.Shift(DIMENSION, delta));
  }

  /** Brings the process back under control (the scenario's {@code reset-fault}). */
  public void restore() {
    gauge.apply(new DeviceEvent.ResetFault());
  }

  /** The next part's measured dimension. */
  public double next() {
    gauge.advance(cycle);
    return gauge.read(DIMENSION);
  }
}
