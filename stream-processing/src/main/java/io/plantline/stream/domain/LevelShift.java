package io.plantline.stream.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A lasting change of a metric's level, as opposed to a single outlier ({@link EwmaZScore}): the
 * recent level (a fast exponentially weighted mean, half-life {@code recentHalfLifeMs}) is compared
 * with a slow baseline (an exponentially weighted mean and standard deviation of the raw values,
 * half-life {@code baselineHalfLifeMs}), {@code z = (recent - baseline mean) / max(baseline std,
 * minStd)}. The condition starts when {@code |z| >= raiseZ} and ends when {@code |z| < clearZ}. A
 * dip or burst that is short against the recent half-life barely moves the recent level, so routine
 * short excursions do not alarm while a drift or step that lasts hours does, in either direction.
 *
 * <p>Weights decay with event time, like {@link EwmaZScore}; while few samples are in, both means
 * weigh them equally. The first {@code minSamples} readings only train. The baseline keeps learning
 * during a shift, slowly (its half-life is much longer), so a shift that persists for several
 * baseline half-lives becomes the new normal and the condition ends.
 *
 * @param spec the rule
 * @param metric the watched metric
 * @param recentHalfLifeMs half-life of the recent level
 * @param baselineHalfLifeMs half-life of the baseline mean and variance (longer than the recent)
 * @param raiseZ |z| that starts the condition
 * @param clearZ |z| below which it ends
 * @param minSamples samples before any verdict
 * @param minStd floor of the baseline standard deviation
 * @param gate precondition, or null
 */
public record LevelShift(
    RuleSpec spec,
    String metric,
    long recentHalfLifeMs,
    long baselineHalfLifeMs,
    double raiseZ,
    double clearZ,
    long minSamples,
    double minStd,
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
      return;
    }
    if (r.metric().equals(metric)) {
      score(s, r.timestamp(), r.value());
    }
  }

  /** Updates the recent level, judges it against the baseline, then lets the baseline learn. */
  public void score(RuleState s, long time, double x) {
    if (s.count == 0) {
      s.recent = x;
      s.reference = x;
      s.variance = 0;
      s.count = 1;
      s.lastTime = time;
      return;
    }
    double dt = Math.max(0, time - s.lastTime);
    double equalWeight = 1.0 / (s.count + 1);
    double fast = Math.max(1 - Math.pow(0.5, dt / recentHalfLifeMs), equalWeight);
    s.recent += fast * (x - s.recent);
    double z = (s.recent - s.reference) / Math.max(Math.sqrt(s.variance), minStd);
    if (s.count >= minSamples) {
      s.figure = z;
      s.active = s.active ? Math.abs(z) >= clearZ : Math.abs(z) >= raiseZ;
    }
    double slow = Math.max(1 - Math.pow(0.5, dt / baselineHalfLifeMs), equalWeight);
    double diff = x - s.reference;
    s.reference += slow * diff;
    s.variance = (1 - slow) * (s.variance + slow * diff * diff);
    s.count++;
    s.lastTime = time;
  }

  /** |z| / raiseZ, NaN while training. */
  @Override
  public double firingRatio(RuleState s) {
    return s.count > minSamples ? Math.abs(s.figure) / raiseZ : Double.NaN;
  }

  @Override
  public boolean canForget(RuleState s) {
    return false;
  }

  @Override
  public String describe(RuleState s) {
    return String.format(
        "%s level %s (half-life %s) is %s standard deviations from its baseline %s (half-life %s)",
        metric,
        Figures.number(s.recent),
        Figures.duration(recentHalfLifeMs),
        Figures.number(s.figure),
        Figures.number(s.reference),
        Figures.duration(baselineHalfLifeMs));
  }

  @Override
  public Map<String, Double> figures(RuleState s) {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("zscore", s.figure);
    f.put("zscore.limit", raiseZ);
    f.put("recent.mean", s.recent);
    f.put("baseline.mean", s.reference);
    f.put("baseline.std", Math.sqrt(s.variance));
    return f;
  }
}
