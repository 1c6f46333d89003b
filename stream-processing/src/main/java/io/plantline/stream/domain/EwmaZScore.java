package io.plantline.stream.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A statistical detector without a fixed threshold: each reading is scored against an exponentially
 * weighted moving mean and variance of the same device and metric, {@code z = (x - mean) / max(std,
 * minStd)}. The condition starts when {@code |z| >= raiseZ} and ends when {@code |z| < clearZ}.
 * Weights decay with event time ({@code halfLifeMs}), not with the sample count, so irregular
 * polling does not change what "recent" means. The first {@code minSamples} readings only train.
 * The baseline keeps learning during an anomaly, so a lasting level shift ends up as the new normal
 * and the alarm clears.
 *
 * @param spec the rule
 * @param metric the watched metric
 * @param halfLifeMs time after which a sample's weight has halved
 * @param raiseZ |z| that starts the condition
 * @param clearZ |z| below which it ends
 * @param minSamples samples before any verdict
 * @param minStd floor of the standard deviation (quantised or very steady signals)
 * @param gate precondition, or null
 */
public record EwmaZScore(
    RuleSpec spec,
    String metric,
    long halfLifeMs,
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

  /** Scores one value, then learns it; the pure core, also run directly by the NAB benchmark. */
  public void score(RuleState s, long time, double x) {
    if (s.count == 0) {
      s.reference = x;
      s.variance = 0;
      s.count = 1;
      s.lastTime = time;
      return;
    }
    double std = Math.max(Math.sqrt(s.variance), minStd);
    double z = (x - s.reference) / std;
    if (s.count >= minSamples) {
      s.figure = z;
      s.active = s.active ? Math.abs(z) >= clearZ : Math.abs(z) >= raiseZ;
    }
    double dt = Math.max(0, time - s.lastTime);
    // While few samples are in, weigh them equally (running mean and variance): a plain EWMA
    // started from one sample underestimates the variance for many half-lives.
    double alpha = Math.max(1 - Math.pow(0.5, dt / halfLifeMs), 1.0 / (s.count + 1));
    double diff = x - s.reference;
    s.reference += alpha * diff;
    s.variance = (1 - alpha) * (s.variance + alpha * diff * diff);
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
        "%s deviates %s standard deviations from its moving mean %s (half-life %s)",
        metric,
        Figures.number(s.figure),
        Figures.number(s.reference),
        Figures.duration(halfLifeMs));
  }

  @Override
  public Map<String, Double> figures(RuleState s) {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("zscore", s.figure);
    f.put("zscore.limit", raiseZ);
    f.put("ewma.mean", s.reference);
    f.put("ewma.std", Math.sqrt(s.variance));
    return f;
  }
}
