package io.plantline.stream.domain;

import io.plantline.contracts.telemetry.Quality;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rules of one device judged at one event-time instant: the step that the job's {@code
 * device-rules} operator runs when the watermark passes an instant, and that the backtest runs for
 * each row of a series. One implementation, so the backtest raises what the job raises.
 *
 * <p>At an instant, the readings due (one snapshot: all enter the history first, then the rules run
 * in metric order, so neither a gate nor a combined rule depends on arrival order), then the rules
 * whose deadline has come if a deadline was armed at or before it. Returns the next deadline to
 * arm, for which the caller must call {@link #onInstant} again once event time reaches it.
 */
public final class DeviceRuleEvaluation {
  private final RuleSettings settings;
  private final DeviceRules rules;

  /** Evaluates {@code rules} with the rule file's {@code settings}. */
  public DeviceRuleEvaluation(RuleSettings settings, DeviceRules rules) {
    this.settings = settings;
    this.rules = rules;
  }

  /** The device's rules. */
  public DeviceRules rules() {
    return rules;
  }

  /** Whether a reading matters to the rules: a tracked metric and not BAD. */
  public boolean accepts(Reading r) {
    return rules.tracked().contains(r.metric()) && r.quality() != Quality.BAD;
  }

  /**
   * Runs one instant.
   *
   * @param time the event time reached
   * @param due the readings with this timestamp (may be empty: only a deadline is due)
   * @param state the device's memory
   * @param signals receives every change of a rule's condition, in order
   * @param observer sees each rule's state after it judged a reading
   * @return the deadline newly armed (register a timer for it), or {@link Detector#NO_DEADLINE}
   */
  public long onInstant(
      long time,
      List<Reading> due,
      DeviceRuleState state,
      Consumer<RuleSignal> signals,
      RuleObserver observer) {
    if (!due.isEmpty()) {
      List<Reading> sorted = new ArrayList<>(due);
      sorted.sort(Comparator.comparing(Reading::metric).thenComparingDouble(Reading::value));
      for (Reading r : sorted) {
        record(r, state);
      }
      DeviceView view = new StateView(state);
      for (Reading r : sorted) {
        evaluate(r, state, view, signals, observer);
      }
    }
    long armed = state.armedDeadline();
    if (armed != Detector.NO_DEADLINE && armed <= time) {
      state.putArmedDeadline(Detector.NO_DEADLINE);
      for (Detector d : rules.detectors()) {
        RuleState s = state.rule(d.spec().id());
        if (s != null && d.deadline(s) <= time) {
          boolean before = s.active;
          d.onTime(s, time);
          state.putRule(d.spec().id(), s);
          if (s.active != before) {
            signals.accept(signal(d, s, state.lastReading(), time, state));
          }
        }
      }
    }
    return armDeadline(state);
  }

  private void record(Reading r, DeviceRuleState state) {
    MetricHistory h = state.history(r.metric());
    if (h == null) {
      h = new MetricHistory();
    }
    h.add(r.timestamp(), r.value(), settings.historyBucketMs(), rules.retentionMs());
    state.putHistory(r.metric(), h);
    state.putLastReading(r);
  }

  private void evaluate(
      Reading r,
      DeviceRuleState state,
      DeviceView view,
      Consumer<RuleSignal> signals,
      RuleObserver observer) {
    for (Detector d : rules.detectors()) {
      if (!d.inputs().contains(r.metric())) {
        continue;
      }
      String id = d.spec().id();
      RuleState s = state.rule(id);
      if (s == null) {
        s = new RuleState();
      }
      boolean before = s.active;
      d.onReading(s, r, view);
      observer.judged(d, s, r);
      if (s.active != before) {
        signals.accept(signal(d, s, r, r.timestamp(), state));
      }
      if (d.canForget(s)) {
        state.removeRule(id);
      } else {
        state.putRule(id, s);
      }
    }
  }

  private long armDeadline(DeviceRuleState state) {
    if (state.armedDeadline() != Detector.NO_DEADLINE) {
      return Detector.NO_DEADLINE;
    }
    long next = Detector.NO_DEADLINE;
    for (Detector d : rules.detectors()) {
      if (!d.usesDeadlines()) {
        continue;
      }
      RuleState s = state.rule(d.spec().id());
      if (s != null) {
        next = Math.min(next, d.deadline(s));
      }
    }
    if (next != Detector.NO_DEADLINE) {
      state.putArmedDeadline(next);
    }
    return next;
  }

  private RuleSignal signal(
      Detector d, RuleState s, Reading identity, long time, DeviceRuleState state) {
    Map<String, Double> evidence = new LinkedHashMap<>();
    if (s.active) {
      d.figures(s).forEach((k, v) -> evidence.put(k, Double.isFinite(v) ? v : 0.0));
      for (String metric : d.evidenceMetrics()) {
        MetricHistory h = state.history(metric);
        if (h == null) {
          continue;
        }
        MetricHistory.Summary sum =
            h.summarize(time, settings.evidenceWindowMs(), settings.historyBucketMs());
        if (sum.count() > 0) {
          evidence.put(metric + ".min", sum.min());
          evidence.put(metric + ".max", sum.max());
          evidence.put(metric + ".mean", sum.mean());
        }
      }
      evidence.put("evidence.window.seconds", settings.evidenceWindowMs() / 1000.0);
    }
    String description = d.spec().description();
    String message =
        s.active
            ? (description == null ? "" : description + ": ") + d.describe(s)
            : d.spec().id() + " condition ended";
    return new RuleSignal(
        identity.deviceId(),
        identity.siteId(),
        identity.areaId(),
        d.spec().id(),
        s.active,
        time,
        d.spec().severity(),
        d.spec().onDelayMs(),
        d.spec().offDelayMs(),
        message,
        evidence);
  }

  /** The device's latest values and histories, read from its state on demand. */
  private record StateView(DeviceRuleState state) implements DeviceView {
    @Override
    public double latest(String metric) {
      MetricHistory h = state.history(metric);
      return h == null ? Double.NaN : h.last;
    }

    @Override
    public MetricHistory history(String metric) {
      return state.history(metric);
    }
  }
}
