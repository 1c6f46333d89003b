package io.plantline.stream.job;

import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.stream.domain.AlarmRecord;
import io.plantline.stream.domain.AlarmStatus;
import io.plantline.stream.domain.AlarmTransitions;
import io.plantline.stream.domain.OperatorCommand;
import io.plantline.stream.domain.RuleSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The alarm lifecycle, keyed by device id, in the spirit of ISA-18.2: one active alarm per (device,
 * rule); RAISED after the rule's on-delay if the condition still holds; CLEARED after the off-delay
 * if it stayed away (the detectors already clear with hysteresis); ACKNOWLEDGED and SHELVED by
 * operator commands that name the active occurrence (commands for an occurrence that has cleared
 * are ignored). A shelf also holds back new occurrences of the rule on the device until it ends;
 * when it ends with the condition still present, the alarm is (re)announced. The first RAISED of an
 * occurrence at or above {@code workOrderMinSeverity} is marked to open a work order.
 *
 * <p>The transitions themselves are {@link AlarmTransitions}, shared with the backtest; this
 * operator keeps each rule's {@link AlarmStatus} in keyed state and registers the event-time timers
 * the transitions ask for.
 */
public final class AlarmLifecycle
    extends KeyedCoProcessFunction<String, RuleSignal, OperatorCommand, AlarmRecord> {
  private final AlarmTransitions transitions;

  private transient MapState<String, AlarmStatus> statuses;
  private transient Counter ignoredCommands;

  /** Alarms at or above {@code workOrderMinSeverity} open work orders. */
  public AlarmLifecycle(AlarmSeverity workOrderMinSeverity) {
    this.transitions = new AlarmTransitions(workOrderMinSeverity);
  }

  /** The state of each rule of the device, by rule id. */
  public static MapStateDescriptor<String, AlarmStatus> statusDescriptor() {
    return new MapStateDescriptor<>(
        "alarm-status", Types.STRING, TypeInformation.of(AlarmStatus.class));
  }

  @Override
  public void open(OpenContext context) {
    statuses = getRuntimeContext().getMapState(statusDescriptor());
    ignoredCommands = getRuntimeContext().getMetricGroup().counter("alarmCommandsIgnored");
  }

  @Override
  public void processElement1(RuleSignal signal, Context ctx, Collector<AlarmRecord> out)
      throws Exception {
    AlarmStatus st = statuses.get(signal.ruleId());
    if (st == null) {
      st = new AlarmStatus();
    }
    transitions.onSignal(
        ctx.getCurrentKey(), signal, st, out::collect, ctx.timerService()::registerEventTimeTimer);
    save(signal.ruleId(), st);
  }

  @Override
  public void processElement2(OperatorCommand cmd, Context ctx, Collector<AlarmRecord> out)
      throws Exception {
    AlarmStatus st = statuses.get(cmd.ruleId());
    if (!transitions.onCommand(cmd, st, out::collect, ctx.timerService()::registerEventTimeTimer)) {
      ignoredCommands.inc();
      return;
    }
    save(cmd.ruleId(), st);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<AlarmRecord> out) throws Exception {
    List<Map.Entry<String, AlarmStatus>> entries = new ArrayList<>();
    statuses.entries().forEach(entries::add);
    for (Map.Entry<String, AlarmStatus> e : entries) {
      transitions.onTime(ctx.getCurrentKey(), e.getKey(), e.getValue(), time, out::collect);
      save(e.getKey(), e.getValue());
    }
  }

  private void save(String rule, AlarmStatus st) throws Exception {
    if (st.isIdle()) {
      statuses.remove(rule);
    } else {
      statuses.put(rule, st);
    }
  }
}
