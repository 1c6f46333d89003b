package io.plantline.stream.job;

import io.plantline.stream.domain.Detector;
import io.plantline.stream.domain.DeviceRuleEvaluation;
import io.plantline.stream.domain.DeviceRuleState;
import io.plantline.stream.domain.DeviceRules;
import io.plantline.stream.domain.MetricHistory;
import io.plantline.stream.domain.Reading;
import io.plantline.stream.domain.RuleObserver;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.domain.RuleSignal;
import io.plantline.stream.domain.RuleState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Evaluates every rule of a device, keyed by device id, in event time.
 *
 * <p>Readings may arrive out of order (up to the watermark's bound). Each is buffered under its
 * timestamp with an event-time timer; when the watermark passes it, the buffered readings of that
 * instant are fed to the rules in timestamp order, so every rule sees its device's readings sorted
 * and results do not depend on arrival order. Readings at or behind the watermark are late: the
 * rules have already run past them, so they are counted ({@code lateReadings}) and sent to the
 * {@link #LATE_READINGS} side output (the job routes them to the dead-letter topic) instead of
 * being evaluated. BAD readings and readings of metrics no rule reads are skipped before that.
 *
 * <p>Missing data is judged in event time: a timer at the silent metric's deadline fires when the
 * watermark, driven by the other devices on the same partitions, passes it. That is deterministic
 * on replay and after a restore, which processing-time timers are not; if a whole plant goes quiet,
 * the watermark stalls (idle partitions) and the gateways' own status (death, gap) reports the
 * outage.
 *
 * <p>State per device: the reading buffer (emptied as the watermark passes), one {@link RuleState}
 * per rule (removed as soon as the rule has nothing to remember), the recent {@link MetricHistory}
 * of the rules' metrics, and the last reading (site and area for signals raised by a timer).
 *
 * <p>What happens at an instant is {@link DeviceRuleEvaluation}, shared with the backtest; this
 * operator buffers, judges lateness, keeps the state in keyed state and registers the timers.
 */
public final class DeviceRuleEvaluator extends KeyedProcessFunction<String, Reading, RuleSignal> {
  /** Side output of the readings that arrived at or behind the watermark. */
  public static final OutputTag<LateReading> LATE_READINGS =
      new OutputTag<>("late-readings", TypeInformation.of(LateReading.class));

  private final RuleSet rules;

  private transient MapState<Long, List<Reading>> pending;
  private transient MapState<String, RuleState> ruleStates;
  private transient MapState<String, MetricHistory> histories;
  private transient ValueState<Reading> lastReading;
  private transient ValueState<Long> deadlineTimer;
  private transient Map<String, DeviceRuleEvaluation> cache;
  private transient DeviceRuleState keyedState;
  private transient Counter late;

  /** Evaluates the rules of {@code rules}. */
  public DeviceRuleEvaluator(RuleSet rules) {
    this.rules = rules;
  }

  /** The reading buffer, by event time. */
  public static MapStateDescriptor<Long, List<Reading>> pendingDescriptor() {
    return new MapStateDescriptor<>(
        "pending-readings", Types.LONG, Types.LIST(TypeInformation.of(Reading.class)));
  }

  /** The rules' state, by rule id. */
  public static MapStateDescriptor<String, RuleState> ruleStateDescriptor() {
    return new MapStateDescriptor<>(
        "rule-state", Types.STRING, TypeInformation.of(RuleState.class));
  }

  /** The metric histories, by metric. */
  public static MapStateDescriptor<String, MetricHistory> historyDescriptor() {
    return new MapStateDescriptor<>(
        "metric-history", Types.STRING, TypeInformation.of(MetricHistory.class));
  }

  @Override
  public void open(OpenContext context) {
    pending = getRuntimeContext().getMapState(pendingDescriptor());
    ruleStates = getRuntimeContext().getMapState(ruleStateDescriptor());
    histories = getRuntimeContext().getMapState(historyDescriptor());
    lastReading =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("last-reading", TypeInformation.of(Reading.class)));
    deadlineTimer =
        getRuntimeContext().getState(new ValueStateDescriptor<>("deadline-timer", Types.LONG));
    cache = new HashMap<>();
    keyedState = new KeyedDeviceState();
    late = getRuntimeContext().getMetricGroup().counter("lateReadings");
  }

  @Override
  public void processElement(Reading r, Context ctx, Collector<RuleSignal> out) throws Exception {
    if (!device(r.deviceId()).accepts(r)) {
      return;
    }
    long watermark = ctx.timerService().currentWatermark();
    if (r.timestamp() <= watermark) {
      late.inc();
      ctx.output(LATE_READINGS, new LateReading(r, watermark));
      return;
    }
    List<Reading> atTime = pending.get(r.timestamp());
    List<Reading> updated = atTime == null ? new ArrayList<>(4) : new ArrayList<>(atTime);
    updated.add(r);
    pending.put(r.timestamp(), updated);
    ctx.timerService().registerEventTimeTimer(r.timestamp());
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<RuleSignal> out) throws Exception {
    List<Reading> due = pending.get(time);
    if (due != null) {
      pending.remove(time);
    }
    long armed =
        device(ctx.getCurrentKey())
            .onInstant(
                time, due == null ? List.of() : due, keyedState, out::collect, RuleObserver.NONE);
    if (armed != Detector.NO_DEADLINE) {
      ctx.timerService().registerEventTimeTimer(armed);
    }
  }

  private DeviceRuleEvaluation device(String deviceId) {
    return cache.computeIfAbsent(
        deviceId, id -> new DeviceRuleEvaluation(rules.settings(), DeviceRules.of(rules, id)));
  }

  /**
   * The current key's keyed state as {@link DeviceRuleState}. Keyed state access declares checked
   * exceptions (a state backend that cannot read); they fail the task as they would here.
   */
  private final class KeyedDeviceState implements DeviceRuleState {
    @Override
    public RuleState rule(String ruleId) {
      return read(() -> ruleStates.get(ruleId));
    }

    @Override
    public void putRule(String ruleId, RuleState state) {
      write(() -> ruleStates.put(ruleId, state));
    }

    @Override
    public void removeRule(String ruleId) {
      write(() -> ruleStates.remove(ruleId));
    }

    @Override
    public MetricHistory history(String metric) {
      return read(() -> histories.get(metric));
    }

    @Override
    public void putHistory(String metric, MetricHistory history) {
      write(() -> histories.put(metric, history));
    }

    @Override
    public Reading lastReading() {
      return read(lastReading::value);
    }

    @Override
    public void putLastReading(Reading reading) {
      write(() -> lastReading.update(reading));
    }

    @Override
    public long armedDeadline() {
      Long armed = read(deadlineTimer::value);
      return armed == null ? Detector.NO_DEADLINE : armed;
    }

    @Override
    public void putArmedDeadline(long time) {
      write(
          () -> {
            if (time == Detector.NO_DEADLINE) {
              deadlineTimer.clear();
            } else {
              deadlineTimer.update(time);
            }
          });
    }
  }

  /** A keyed-state read. */
  private interface StateRead<T> {
    T get() throws Exception;
  }

  /** A keyed-state write. */
  private interface StateWrite {
    void run() throws Exception;
  }

  private static <T> T read(StateRead<T> read) {
    try {
      return read.get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read keyed state", e);
    }
  }

  private static void write(StateWrite write) {
    try {
      write.run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot write keyed state", e);
    }
  }
}
