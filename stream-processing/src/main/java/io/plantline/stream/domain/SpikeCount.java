package io.plantline.stream.domain;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * At least {@code count} readings above {@code above} within {@code windowMs} (e.g. vibration
 * spikes). The spike times are kept in the state until they leave the window; the condition ends
 * when fewer than {@code count} remain.
 *
 * @param spec the rule
 * @param metric the watched metric
 * @param above the spike level
 * @param count spikes needed
 * @param windowMs the window
 */
public record SpikeCount(RuleSpec spec, String metric, double above, int count, long windowMs)
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
  public void onReading(RuleState s, Reading r, DeviceView device) {
    long t = r.timestamp();
    int keep = 0;
    while (keep < s.times.length && s.times[keep] <= t - windowMs) {
      keep++;
    }
    long[] times = Arrays.copyOfRange(s.times, keep, s.times.length);
    if (r.value() > above) {
      times = Arrays.copyOf(times, times.length + 1);
      times[times.length - 1] = t;
    }
    s.times = times;
    s.figure = times.length;
    s.active = times.length >= count;
  }

  /** spikes in the window / count. */
  @Override
  public double firingRatio(RuleState s) {
    return s.figure / count;
  }

  @Override
  public boolean canForget(RuleState s) {
    return !s.active && s.times.length == 0;
  }

  @Override
  public String describe(RuleState s) {
    return String.format(
        "%d %s spikes above %s within %s (limit %d)",
        (long) s.figure, metric, Figures.number(above), Figures.duration(windowMs), count);
  }

  @Override
  public Map<String, Double> figures(RuleState s) {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("spikes", s.figure);
    f.put("spikes.limit", (double) count);
    f.put("spike.level", above);
    f.put("window.seconds", windowMs / 1000.0);
    return f;
  }
}
