package io.plantline.simulators.domain;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Sensor-level faults for any model: wraps a {@link DeviceModel} and distorts what its points read,
 * without touching the physics behind them.
 *
 * <p>Per point: a drift grows by {@code perHour} per hour of simulated time; an offset adds a fixed
 * delta; spikes add {@code ±magnitude} (random sign) with a probability per read; NaN readings
 * replace the value with a probability per read; a stuck sensor keeps returning the value it showed
 * (with offset and drift) when it got stuck. Setting a fault again replaces its parameters (a drift
 * keeps what it has accumulated). {@link #clear(String)} restores the true reading of one point,
 * {@link #clearAll()} of all. Writes and events pass through to the inner model unchanged.
 *
 * <p>The random draws for spikes and NaN come from the seed, one stream per wrapper.
 */
public final class SensorFaults implements DeviceModel {

  private final DeviceModel inner;
  private final SplittableRandom random;
  private final Map<String, PointFaults> faults = new HashMap<>();

  /** Faults of one point. */
  private static final class PointFaults {
    boolean stuck;
    double stuckValue;
    double driftPerHour;
    double drift;
    double offset;
    double spikeProbability;
    double spikeMagnitude;
    double nanProbability;

    /** The reading without the random faults. */
    double steady(double value) {
      return stuck ? stuckValue : value + offset + drift;
    }
  }

  public SensorFaults(DeviceModel inner, long seed) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.random = new SplittableRandom(seed);
  }

  /** From now on {@code point} reads the value it shows at this moment. */
  public void stuck(String point) {
    PointFaults f = faultsOf(point);
    if (!f.stuck) {
      f.stuckValue = f.steady(inner.read(point));
      f.stuck = true;
    }
  }

  /** Additive drift of {@code perHour} (point units per hour of simulated time). */
  public void drift(String point, double perHour) {
    requireFinite("perHour", perHour);
    faultsOf(point).driftPerHour = perHour;
  }

  /** A sudden sensor shift: {@code point} reads {@code delta} off from now on. */
  public void offset(String point, double delta) {
    requireFinite("delta", delta);
    faultsOf(point).offset = delta;
  }

  /** Each read of {@code point} is off by {@code ±magnitude} with {@code probabilityPerRead}. */
  public void spikes(String point, double probabilityPerRead, double magnitude) {
    requireProbability(probabilityPerRead);
    requireFinite("magnitude", magnitude);
    PointFaults f = faultsOf(point);
    f.spikeProbability = probabilityPerRead;
    f.spikeMagnitude = Math.abs(magnitude);
  }

  /** Each read of {@code point} is NaN with {@code probabilityPerRead}. */
  public void nanValues(String point, double probabilityPerRead) {
    requireProbability(probabilityPerRead);
    faultsOf(point).nanProbability = probabilityPerRead;
  }

  /** Removes every fault of {@code point}. */
  public void clear(String point) {
    requirePoint(point);
    faults.remove(point);
  }

  /** Removes every fault of every point. */
  public void clearAll() {
    faults.clear();
  }

  /** The wrapped model. */
  public DeviceModel inner() {
    return inner;
  }

  @Override
  public String type() {
    return inner.type();
  }

  @Override
  public Set<String> points() {
    return inner.points();
  }

  @Override
  public void advance(Duration dt) {
    double hours = ModelSupport.seconds(dt) / 3600;
    inner.advance(dt);
    for (PointFaults f : faults.values()) {
      f.drift += f.driftPerHour * hours;
    }
  }

  @Override
  public double read(String point) {
    double value = inner.read(point);
    PointFaults f = faults.get(point);
    if (f == null) {
      return value;
    }
    double reading = f.steady(value);
    if (f.stuck) {
      return reading;
    }
    if (f.nanProbability > 0 && random.nextDouble() < f.nanProbability) {
      return Double.NaN;
    }
    if (f.spikeProbability > 0 && random.nextDouble() < f.spikeProbability) {
      return reading + (random.nextBoolean() ? f.spikeMagnitude : -f.spikeMagnitude);
    }
    return reading;
  }

  @Override
  public void write(String point, double value) {
    inner.write(point, value);
  }

  @Override
  public void apply(DeviceEvent event) {
    inner.apply(event);
  }

  private PointFaults faultsOf(String point) {
    requirePoint(point);
    return faults.computeIfAbsent(point, p -> new PointFaults());
  }

  private void requirePoint(String point) {
    if (!inner.points().contains(point)) {
      throw ModelSupport.unknownPoint(inner.type(), point, inner.points());
    }
  }

  private static void requireFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number, was " + value);
    }
  }

  private static void requireProbability(double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException(
          "probabilityPerRead must be within [0, 1], was " + probability);
    }
  }
}
