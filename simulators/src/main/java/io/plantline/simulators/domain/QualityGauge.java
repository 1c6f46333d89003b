package io.plantline.simulators.domain;

import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * An in-line gauge measuring one dimension of every part a machine makes.
 *
 * <p>A part is measured at creation and then every {@code cycleSeconds} of simulated time; its
 * value, rounded to the gauge resolution, holds until the next part. Parts come from a {@link
 * ProcessModel}, which the SPC scenario events change: Shift, Trend, VarianceChange, Cycle and
 * Stratification, each naming the point {@code measured_dimension_mm}; ResetFault brings the
 * process back under control (the corrective action). When a step spans several cycles every part
 * is drawn at its own time, so the values do not depend on the step length. gauge_status is 0 (OK);
 * gauge faults come from {@link SensorFaults}.
 */
final class QualityGauge implements DeviceModel {

  static final String TYPE = "quality-gauge";
  static final String DIMENSION = "measured_dimension_mm";
  static final String PART_COUNT = "part_count";
  static final String STATUS = "gauge_status";

  private static final Set<String> POINTS = ModelSupport.pointSet(DIMENSION, PART_COUNT, STATUS);

  private final QualityGaugeConfig config;
  private final ProcessModel process;
  private final SplittableRandom random;
  private final long cycleNanos;
  private long nowNanos;
  private long nextPartNanos;
  private long partCount;
  private double dimensionMm;

  QualityGauge(QualityGaugeConfig config, long seed) {
    this.config = config;
    this.process = new ProcessModel(config.nominalMm(), config.meanOffsetMm(), config.sigmaMm());
    this.random = new SplittableRandom(seed);
    this.cycleNanos = Math.max(1, Math.round(config.cycleSeconds() * 1e9));
    measure(0);
  }

  static QualityGauge create(Params params, long seed) {
    return new QualityGauge(QualityGaugeConfig.from(params), seed);
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
    ModelSupport.seconds(dt);
    nowNanos = Math.addExact(nowNanos, dt.toNanos());
    while (nextPartNanos <= nowNanos) {
      measure(nextPartNanos);
    }
  }

  @Override
  public double read(String point) {
    return switch (point) {
      case DIMENSION -> dimensionMm;
      case PART_COUNT -> partCount;
      case STATUS -> 0;
      default -> throw ModelSupport.unknownPoint(TYPE, point, POINTS);
    };
  }

  @Override
  public void write(String point, double value) {
    throw ModelSupport.notWritable(TYPE, point, POINTS, Set.of());
  }

  @Override
  public void apply(DeviceEvent event) {
    double now = nowNanos / 1e9;
    if (event instanceof DeviceEvent.Shift shift) {
      requireDimension(shift.point());
      process.shift(shift.delta());
    } else if (event instanceof DeviceEvent.Trend trend) {
      requireDimension(trend.point());
      process.trend(now, trend.perHour());
    } else if (event instanceof DeviceEvent.VarianceChange change) {
      requireDimension(change.point());
      process.scaleSpread(change.factor());
    } else if (event instanceof DeviceEvent.Cycle cycle) {
      requireDimension(cycle.point());
      process.cycle(now, cycle.amplitude(), ModelSupport.seconds(cycle.period()));
    } else if (event instanceof DeviceEvent.Stratification stratification) {
      requireDimension(stratification.point());
      process.stratify(stratification.factor());
    } else if (event instanceof DeviceEvent.ResetFault) {
      process.restore(now);
    } else {
      throw ModelSupport.unsupported(TYPE, event);
    }
  }

  private void measure(long atNanos) {
    double raw = process.sample(atNanos / 1e9, random);
    dimensionMm = round(raw, config.resolutionMm());
    partCount++;
    nextPartNanos = atNanos + cycleNanos;
  }

  /** Rounds to the resolution; exact decimals (25.003, not 25.003000000000004) for 10^-k steps. */
  static double round(double value, double resolution) {
    double steps = Math.rint(value / resolution);
    double perUnit = 1 / resolution;
    double wholePerUnit = Math.rint(perUnit);
    return Math.abs(perUnit - wholePerUnit) < 1e-9 * perUnit
        ? steps / wholePerUnit
        : steps * resolution;
  }

  private void requireDimension(String point) {
    if (!DIMENSION.equals(point)) {
      if (!POINTS.contains(point)) {
        throw ModelSupport.unknownPoint(TYPE, point, POINTS);
      }
      throw new IllegalArgumentException(
          TYPE + " process events apply to " + DIMENSION + ", not to " + point);
    }
  }
}
