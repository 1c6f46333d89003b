package io.plantline.stream.domain;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * One compiled rule: decides from a device's readings, fed in event-time order, whether the rule's
 * condition holds. Implementations are immutable; all per-device memory is in the {@link RuleState}
 * they are handed, which the caller stores in keyed state and drops when {@link #canForget} says
 * so.
 */
public interface Detector extends Serializable {

  /** No deadline: the rule needs no timer. */
  long NO_DEADLINE = Long.MAX_VALUE;

  /** Id, severity and delays of the rule. */
  RuleSpec spec();

  /** The metrics whose readings the rule reads, gate metrics included. */
  Set<String> inputs();

  /** The metrics whose min, max and mean are the evidence of the rule's alarms. */
  Set<String> evidenceMetrics();

  /** How far back the rule reads {@link MetricHistory}, 0 if it does not. */
  default long historyMs() {
    return 0;
  }

  /**
   * Feeds one GOOD reading of one of {@link #inputs()}; updates {@code state.active}. {@code
   * device} already holds this reading as latest value and in the history.
   */
  void onReading(RuleState state, Reading reading, DeviceView device);

  /** Whether the rule ever has a {@link #deadline}; only such rules get timers. */
  default boolean usesDeadlines() {
    return false;
  }

  /** Event time at which {@link #onTime} must run, or {@link #NO_DEADLINE}. */
  default long deadline(RuleState state) {
    return NO_DEADLINE;
  }

  /** Called once event time has reached {@link #deadline}; may update {@code state.active}. */
  default void onTime(RuleState state, long time) {}

  /** Whether the state holds nothing worth keeping (inactive, no streak, no window). */
  boolean canForget(RuleState state);

  /**
   * How close the rule is to firing after the reading it judged last: its figure as a share of the
   * level at which the condition starts (1 at that level, above 1 beyond it, 0 far from it), NaN
   * when the rule has no such figure or is still training. The backtest's anomaly score is made
   * from it; alarms never depend on it.
   */
  default double firingRatio(RuleState state) {
    return Double.NaN;
  }

  /** A one-line description of the condition, for alarm messages. */
  String describe(RuleState state);

  /** Figures the rule judged (thresholds, z-score, rise), for alarm evidence; keys are ids. */
  Map<String, Double> figures(RuleState state);
}
