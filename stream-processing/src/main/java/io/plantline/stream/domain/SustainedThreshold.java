package io.plantline.stream.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A value beyond a threshold for at least {@code forMs}, optionally only while a {@link Gate} is
 * open (e.g. winding temperature above 110 °C for 30 s while RUNNING). It clears with hysteresis:
 * once the value is back on the safe side of {@code clearAt}, or when the gate closes.
 *
 * @param spec the rule
 * @param metric the watched metric
 * @param above true for "above the threshold", false for "below"
 * @param threshold the limit
 * @param clearAt the level at which an active condition ends (hysteresis)
 * @param forMs how long the limit must be exceeded
 * @param gate precondition, or null
 */
public record SustainedThreshold(
    RuleSpec spec,
    String metric,
    boolean above,
    double threshold,
    double clearAt,
    long forMs,
    Gate gate)
    implements Detector {

  @Override
  public Set<String> inputs() {
    return gate == null ? Set.of(metric) : Set.of(metric, gate.metric());
  }

  @Override
  public Set<String> evidenceMetrics() {
    return Set.of(metric);
  }

  @Override
  public void onReading(RuleState s, Reading r, DeviceView device) {
    if (gate != null && !gate.isOpen(device)) {
      s.active = false;
      s.since = -1;
      return;
    }
    if (!r.metric().equals(metric)) {
      return;
    }
    double v = r.value();
    boolean beyond = above ? v > threshold : v < threshold;
    boolean cleared = above ? v <= clearAt : v >= clearAt;
    s.figure = v;
    if (s.active) {
      if (cleared) {
        s.active = false;
        s.since = -1;
      }
      return;
    }
    if (!beyond) {
      s.since = -1;
      return;
    }
    if (s.since < 0) {
      s.since = r.timestamp();
    }
    if (r.timestamp() - s.since >= forMs) {
      s.active = true;
    }
  }

  /**
   * 1 + (how far the value is beyond the limit) / (the hysteresis band, or |limit| without one, or
   * 1 for a limit of 0); at least 0. The {@code for} duration is not part of it.
   */
  @Override
  public double firingRatio(RuleState s) {
    double band = Math.abs(threshold - clearAt);
    if (band == 0) {
      band = threshold == 0 ? 1 : Math.abs(threshold);
    }
    double beyond = above ? s.figure - threshold : threshold - s.figure;
    return Math.max(0, 1 + beyond / band);
  }

  @Override
  public boolean canForget(RuleState s) {
    return !s.active && s.since < 0;
  }

  @Override
  public String describe(RuleState s) {
    return String.format(
        "%s %s %s for %s%s",
        metric,
        above ? "above" : "below",
        Figures.number(threshold),
        Figures.duration(forMs),
        gate == null ? "" : " while " + gate.metric() + " = " + Figures.number(gate.equals()));
  }

  @Override
  public Map<String, Double> figures(RuleState s) {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("threshold", threshold);
    f.put("value", s.figure);
    f.put("for.seconds", forMs / 1000.0);
    return f;
  }
}
