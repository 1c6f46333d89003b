package io.plantline.stream.backtest;

import io.plantline.contracts.alarm.AlarmState;
import io.plantline.contracts.telemetry.Quality;
import io.plantline.stream.domain.AlarmRecord;
import io.plantline.stream.domain.AlarmStatus;
import io.plantline.stream.domain.AlarmTransitions;
import io.plantline.stream.domain.Detector;
import io.plantline.stream.domain.DeviceRuleEvaluation;
import io.plantline.stream.domain.DeviceRuleState;
import io.plantline.stream.domain.DeviceRules;
import io.plantline.stream.domain.MetricHistory;
import io.plantline.stream.domain.Reading;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.domain.RuleSignal;
import io.plantline.stream.domain.RuleState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Runs one metric of one device through the rule file's rules with the job's own code: {@link
 * DeviceRuleEvaluation} (what the {@code device-rules} operator does when the watermark passes an
 * instant) and {@link AlarmTransitions} (what {@code alarm-lifecycle} does with signals and
 * timers). The state lives in maps instead of keyed state, and the timers are run here in
 * event-time order: a deadline due before a row runs before it, as the job's timers would, and at
 * the end of the input every pending deadline and delay runs, as the job's final watermark of a
 * bounded input does. Flood suppression (per plant area, across devices) is not part of it.
 *
 * <p>Rows must come in strictly increasing time ({@link Series} reports the others); each good row
 * is one reading of quality GOOD, site and area {@value #SITE}.
 */
public final class Backtest {
  /** Site and area of the backtest's readings. */
  public static final String SITE = "backtest";

  private final RuleSet rules;
  private final String deviceId;
  private final String metric;
  private final DeviceRules deviceRules;

  /**
   * A backtest of {@code metric} of {@code deviceId}.
   *
   * @throws IllegalArgumentException if no rule of {@code rules} applies to the device or reads the
   *     metric
   */
  public Backtest(RuleSet rules, String deviceId, String metric) {
    this.rules = rules;
    this.deviceId = deviceId;
    this.metric = metric;
    this.deviceRules = DeviceRules.of(rules, deviceId);
    if (deviceRules.detectors().isEmpty()) {
      throw new IllegalArgumentException("no rule applies to device '" + deviceId + "'");
    }
    if (deviceRules.detectors().stream().noneMatch(d -> d.inputs().contains(metric))) {
      throw new IllegalArgumentException(
          "no rule of device '" + deviceId + "' reads metric '" + metric + "'");
    }
  }

  /** The device's rules. */
  public List<Detector> detectors() {
    return deviceRules.detectors();
  }

  /** Runs the good rows of {@code series} (call {@link Series#check} first). */
  public BacktestResult run(Series series) {
    long begin = System.nanoTime();
    List<InputRow> rows = series.rows();
    Run run = new Run(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      InputRow row = rows.get(i);
      if (row.good()) {
        run.row(i, row);
      }
    }
    run.finish();
    long elapsed = System.nanoTime() - begin;
    return new BacktestResult(
        series, deviceId, metric, detectors(), run.alarms, run.ratios, elapsed);
  }

  /** One pass over a series: the device's state, the lifecycle's, and what was seen. */
  private final class Run implements DeviceRuleState {
    private final DeviceRuleEvaluation evaluation =
        new DeviceRuleEvaluation(rules.settings(), deviceRules);
    private final AlarmTransitions transitions =
        new AlarmTransitions(rules.settings().workOrderMinSeverity());
    private final Map<String, Integer> ruleIndex = new HashMap<>();
    private final Map<String, RuleState> ruleStates = new HashMap<>();
    private final Map<String, MetricHistory> histories = new HashMap<>();
    private final Map<String, AlarmStatus> statuses = new LinkedHashMap<>();
    private final TreeSet<Long> lifecycleTimers = new TreeSet<>();
    private final List<AlarmRecord> alarms = new ArrayList<>();
    private final double[][] ratios;
    private Reading lastReading;
    private long armedDeadline = Detector.NO_DEADLINE;
    private double[] currentRatios;

    Run(int rowCount) {
      ratios = new double[rowCount][];
      List<Detector> detectors = deviceRules.detectors();
      for (int j = 0; j < detectors.size(); j++) {
        ruleIndex.put(detectors.get(j).spec().id(), j);
      }
    }

    void row(int index, InputRow row) {
      long time = row.time();
      while (armedDeadline != Detector.NO_DEADLINE && armedDeadline < time) {
        evaluation.onInstant(armedDeadline, List.of(), this, this::signal, (d, s, r) -> {});
      }
      Reading reading = new Reading(deviceId, SITE, SITE, metric, row.number(), Quality.GOOD, time);
      if (!evaluation.accepts(reading)) {
        return;
      }
      currentRatios = new double[ruleIndex.size()];
      Arrays.fill(currentRatios, Double.NaN);
      evaluation.onInstant(
          time,
          List.of(reading),
          this,
          this::signal,
          (d, s, r) -> currentRatios[ruleIndex.get(d.spec().id())] = d.firingRatio(s));
      ratios[index] = currentRatios;
    }

    void finish() {
      while (armedDeadline != Detector.NO_DEADLINE) {
        evaluation.onInstant(armedDeadline, List.of(), this, this::signal, (d, s, r) -> {});
      }
      fireLifecycleTimers(Long.MAX_VALUE);
    }

    /** A signal of the rules goes to the lifecycle after every timer due before it. */
    private void signal(RuleSignal signal) {
      fireLifecycleTimers(signal.time() - 1);
      AlarmStatus st = statuses.computeIfAbsent(signal.ruleId(), id -> new AlarmStatus());
      transitions.onSignal(deviceId, signal, st, this::alarm, lifecycleTimers::add);
      forgetIdle(signal.ruleId());
    }

    private void fireLifecycleTimers(long upTo) {
      while (!lifecycleTimers.isEmpty() && lifecycleTimers.first() <= upTo) {
        long time = lifecycleTimers.pollFirst();
        for (Map.Entry<String, AlarmStatus> e : new ArrayList<>(statuses.entrySet())) {
          transitions.onTime(deviceId, e.getKey(), e.getValue(), time, this::alarm);
          forgetIdle(e.getKey());
        }
      }
    }

    private void forgetIdle(String rule) {
      AlarmStatus st = statuses.get(rule);
      if (st != null && st.isIdle()) {
        statuses.remove(rule);
      }
    }

    private void alarm(AlarmRecord record) {
      if (record.state() == AlarmState.RAISED || record.state() == AlarmState.CLEARED) {
        alarms.add(record);
      }
    }

    @Override
    public RuleState rule(String ruleId) {
      return ruleStates.get(ruleId);
    }

    @Override
    public void putRule(String ruleId, RuleState state) {
      ruleStates.put(ruleId, state);
    }

    @Override
    public void removeRule(String ruleId) {
      ruleStates.remove(ruleId);
    }

    @Override
    public MetricHistory history(String metric) {
      return histories.get(metric);
    }

    @Override
    public void putHistory(String metric, MetricHistory history) {
      histories.put(metric, history);
    }

    @Override
    public Reading lastReading() {
      return lastReading;
    }

    @Override
    public void putLastReading(Reading reading) {
      lastReading = reading;
    }

    @Override
    public long armedDeadline() {
      return armedDeadline;
    }

    @Override
    public void putArmedDeadline(long time) {
      armedDeadline = time;
    }
  }
}
