package io.plantline.stream.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Several metrics rising together within one window (e.g. bearing vibration AND winding
 * temperature, the signature of a failing bearing heating its motor). Active while every metric
 * rose by at least its minimum; ends when any rise falls below half its minimum (hysteresis).
 *
 * @param spec the rule
 * @param windowMs the window
 * @param minRises metric to the rise it needs within the window
 */
public record CombinedRise(RuleSpec spec, long windowMs, Map<String, Double> minRises)
    implements Detector {

  /** Copies the map, keeping its order. */
  public CombinedRise {
    minRises = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(minRises));
  }

  @Override
  public Set<String> inputs() {
    return minRises.keySet();
  }

  @Override
  public Set<String> evidenceMetrics() {
    return minRises.keySet();
  }

  @Override
  public long historyMs() {
    return windowMs;
  }

  @Override
  public void onReading(RuleState s, Reading r, DeviceView device) {
    boolean all = true;
    boolean anyBelowHalf = false;
    double weakest = Double.POSITIVE_INFINITY;
    for (Map.Entry<String, Double> e : minRises.entrySet()) {
      MetricHistory h = device.history(e.getKey());
      double rise = h == null ? Double.NaN : h.rise(r.timestamp(), windowMs);
      if (Double.isNaN(rise)) {
        return;
      }
      double ratio = rise / e.getValue();
      weakest = Math.min(weakest, ratio);
      all &= ratio >= 1.0;
      anyBelowHalf |= ratio < 0.5;
    }
    s.figure = weakest;
    s.active = s.active ? !anyBelowHalf : all;
  }

  /** the weakest metric's rise / its minimum, at least 0. */
  @Override
  public double firingRatio(RuleState s) {
    return Math.max(0, s.figure);
  }

  @Override
  public boolean canForget(RuleState s) {
    return !s.active;
  }

  @Override
  public String describe(RuleState s) {
    return String.format(
        "%s rising together within %s",
        String.join(" and ", minRises.keySet()), Figures.duration(windowMs));
  }

  @Override
  public Map<String, Double> figures(RuleState s) {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("weakest.rise.ratio", s.figure);
    f.put("window.seconds", windowMs / 1000.0);
    minRises.forEach((m, v) -> f.put(m + ".rise.limit", v));
    return f;
  }
}
