package io.plantline.stream.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * No reading of {@code metric} for {@code forMs} of event time. The deadline is the last reading's
 * time plus {@code forMs}; the caller fires {@link #onTime} when the watermark passes it, and the
 * next reading ends the condition. The state is kept as long as the device is known (its last
 * reading time is the whole point).
 *
 * @param spec the rule
 * @param metric the watched metric
 * @param forMs the silence that activates the condition
 */
public record MissingData(RuleSpec spec, String metric, long forMs) implements Detector {

  @Override
  public Set<String> inputs() {
    return Set.of(metric);
  }

  @Override
  public Set<String> evidenceMetrics() {
    return Set.of(metric);
  }

  @Override
  public void onReading(RuleState s, Reading r, DeviceView device) {
    s.lastTime = Math.max(s.lastTime, r.timestamp());
    s.active = false;
  }

  @Override
  public boolean usesDeadlines() {
    return true;
  }

  @Override
  public long deadline(RuleState s) {
    return s.active || s.lastTime < 0 ? NO_DEADLINE : s.lastTime + forMs;
  }

  @Override
  public void onTime(RuleState s, long time) {
    if (s.lastTime >= 0 && time >= s.lastTime + forMs) {
      s.active = true;
      s.figure = (time - s.lastTime) / 1000.0;
    }
  }

  @Override
  public boolean canForget(RuleState s) {
    return false;
  }

  @Override
  public String describe(RuleState s) {
    return String.format("no %s reading for %s", metric, Figures.duration(forMs));
  }

  @Override
  public Map<String, Double> figures(RuleState s) {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("silence.seconds", s.figure);
    f.put("limit.seconds", forMs / 1000.0);
    return f;
  }
}
