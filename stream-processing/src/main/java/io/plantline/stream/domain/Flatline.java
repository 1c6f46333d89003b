package io.plantline.stream.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A stuck sensor: the value stayed within {@code tolerance} of where it was for at least {@code
 * forMs} (optionally only while a gate is open, since an idle machine may be steady for real). Ends
 * at the first reading that moves.
 *
 * @param spec the rule
 * @param metric the watched metric
 * @param forMs how long the value must not move
 * @param tolerance largest change still counted as "no change"
 * @param gate precondition, or null
 */
public record Flatline(RuleSpec spec, String metric, long forMs, double tolerance, Gate gate)
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
    if (s.since < 0 || Math.abs(r.value() - s.reference) > tolerance) {
      s.reference = r.value();
      s.since = r.timestamp();
      s.figure = 0;
      s.active = false;
      return;
    }
    s.figure = (r.timestamp() - s.since) / 1000.0;
    s.active = r.timestamp() - s.since >= forMs;
  }

  /** seconds without a move / the {@code for} duration. */
  @Override
  public double firingRatio(RuleState s) {
    return s.figure * 1000.0 / forMs;
  }

  @Override
  public boolean canForget(RuleState s) {
    return !s.active && s.since < 0;
  }

  @Override
  public String describe(RuleState s) {
    return String.format(
        "%s stuck at %s for %s", metric, Figures.number(s.reference), Figures.duration(forMs));
  }

  @Override
  public Map<String, Double> figures(RuleState s) {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("stuck.value", s.reference);
    f.put("stuck.seconds", s.figure);
    f.put("tolerance", tolerance);
    return f;
  }
}
