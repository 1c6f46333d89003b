package io.plantline.quality.scenario;

import java.util.SplittableRandom;

/**
 * The simulators' quality-gauge process, reproduced with a seeded generator (the gauge model is
 * package-private in {@code simulators}): each part is {@code nominal + shift + sigma * N(0, 1)},
 * rounded to the gauge resolution, as {@code QualityGauge} and its {@code ProcessModel} draw them;
 * {@link #shift} and {@link #restore} are the scenario's {@code shift} and {@code reset-fault}.
 */
public final class GaugeProcess {
  private final double nominal;
  private final double sigma;
  private final double resolution;
  private final SplittableRandom random;
  private double shift;

  /**
   * @param nominal nominal dimension, mm
   * @param sigma process standard deviation, mm
   * @param resolution gauge resolution, mm
   * @param seed the generator's seed
   */
  public GaugeProcess(double nominal, double sigma, double resolution, long seed) {
    this.nominal = nominal;
    this.sigma = sigma;
    this.resolution = resolution;
    this.random = new SplittableRandom(seed);
  }

  /** plant-small's bore gauge: 25.000 mm, σ 0.004 mm, resolution 0.001 mm. */
  public static GaugeProcess boreGauge(long seed) {
    return new GaugeProcess(25.000, 0.004, 0.001, seed);
  }

  /** Shifts the process mean by {@code delta} mm (shifts add up). */
  public void shift(double delta) {
    shift += delta;
  }

  /** Brings the process back to its nominal mean (the corrective action). */
  public void restore() {
    shift = 0;
  }

  /** The next part's measured dimension. */
  public double next() {
    double raw = nominal + shift + sigma * random.nextGaussian();
    double steps = Math.rint(raw / resolution);
    double perUnit = Math.rint(1 / resolution);
    return Math.abs(1 / resolution - perUnit) < 1e-9 / resolution
        ? steps / perUnit
        : steps * resolution;
  }
}
