package io.plantline.stream.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A value that rose by at least {@code maxRise} within {@code windowMs}: the latest value minus the
 * mean of the history bucket a window ago. It clears once the rise is below {@code clearRise}.
 *
 * @param spec the rule
 * @param metric the watched metric
 * @param windowMs the window
 * @param maxRise the rise that activates the condition
 * @param clearRise the rise below which it ends (hysteresis)
 */
public record RateOfChange(
    RuleSpec spec, String metric, long windowMs, double maxRise, double clearRise)
    implements Detector {

  @Override
  public Set<String> inputs() {
    return Set.of(metric);
  }

  @Override
  public Set<String> evidenceMetrics() {
    return Set.of(metric);
  }

  @Override
  public long historyMs() {
    return windowMs;
  }

  @Override
  public void onReading(RuleState s, Reading r, DeviceView device) {
    double rise = device.history(metric).rise(r.timestamp(), windowMs);
    if (Double.isNaN(rise)) {
      return;
    }
    s.figure = rise;
    s.active = s.active ? rise >= clearRise : rise >= maxRise;
  }

  /** rise / maxRise, at least 0. */
  @Override
  public double firingRatio(RuleState s) {
    return Math.max(0, s.figure / maxRise);
  }

  @Override
  public boolean canForget(RuleState s) {
    return !s.active;
  }

  @Override
  public String describe(RuleState s) {
    return String.format(
        "%s rose by %s within %s (limit %s)",
        metric, Figures.number(s.figure), Figures.duration(windowMs), Figures.number(maxRise));
  }

  @Override
  public Map<String, Double> figures(RuleState s) {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("rise", s.figure);
    f.put("rise.limit", maxRise);
    f.put("window.seconds", windowMs / 1000.0);
    return f;
  }
}
