package io.plantline.stream.domain;

/**
 * Where {@link DeviceRuleEvaluation} keeps one device's memory: the Flink operator backs it with
 * keyed state, the backtest with plain fields and maps. Absent entries read as null (and the armed
 * deadline as {@link Detector#NO_DEADLINE}).
 */
public interface DeviceRuleState {

  /** The state of a rule, or null if the rule has nothing to remember. */
  RuleState rule(String ruleId);

  /** Stores the state of a rule. */
  void putRule(String ruleId, RuleState state);

  /** Forgets the state of a rule. */
  void removeRule(String ruleId);

  /** The history of a metric, or null if none was kept. */
  MetricHistory history(String metric);

  /** Stores the history of a metric. */
  void putHistory(String metric, MetricHistory history);

  /** The last reading recorded (site and area of signals raised by a deadline), or null. */
  Reading lastReading();

  /** Stores the last reading recorded. */
  void putLastReading(Reading reading);

  /** The event time of the armed deadline, or {@link Detector#NO_DEADLINE}. */
  long armedDeadline();

  /** Arms a deadline at an event time, or disarms with {@link Detector#NO_DEADLINE}. */
  void putArmedDeadline(long time);
}
