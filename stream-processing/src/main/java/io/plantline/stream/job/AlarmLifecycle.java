package io.plantline.stream.job;

import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.stream.domain.AlarmIds;
import io.plantline.stream.domain.AlarmRecord;
import io.plantline.stream.domain.AlarmStatus;
import io.plantline.stream.domain.OperatorCommand;
import io.plantline.stream.domain.RuleSignal;
import java.time.Instant;
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
 */
public final class AlarmLifecycle
    extends KeyedCoProcessFunction<String, RuleSignal, OperatorCommand, AlarmRecord> {
  private final AlarmSeverity workOrderMinSeverity;

  private transient MapState<String, AlarmStatus> statuses;
  private transient Counter ignoredCommands;

  /** Alarms at or above {@code workOrderMinSeverity} open work orders. */
  public AlarmLifecycle(AlarmSeverity workOrderMinSeverity) {
    this.workOrderMinSeverity = workOrderMinSeverity;
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
    String device = ctx.getCurrentKey();
    AlarmStatus st = statuses.get(signal.ruleId());
    if (st == null) {
      st = new AlarmStatus();
    }
    st.siteId = signal.siteId();
    st.areaId = signal.areaId();
    st.severity = signal.severity();
    st.conditionActive = signal.active();
    long t = signal.time();
    if (signal.active()) {
      st.message = signal.message();
      st.evidence = signal.evidence();
      st.clearAt = -1;
      if (st.alarmId == null) {
        st.raiseAt = t + signal.onDelayMs();
        if (signal.onDelayMs() == 0) {
          raise(device, signal.ruleId(), st, t, out);
        } else {
          ctx.timerService().registerEventTimeTimer(st.raiseAt);
        }
      }
    } else {
      st.raiseAt = -1;
      if (st.alarmId != null) {
        st.clearAt = t + signal.offDelayMs();
        if (signal.offDelayMs() == 0) {
          clear(device, signal.ruleId(), st, t, out);
        } else {
          ctx.timerService().registerEventTimeTimer(st.clearAt);
        }
      }
    }
    save(signal.ruleId(), st);
  }

  @Override
  public void processElement2(OperatorCommand cmd, Context ctx, Collector<AlarmRecord> out)
      throws Exception {
    AlarmStatus st = statuses.get(cmd.ruleId());
    if (st == null || !cmd.alarmId().equals(st.alarmId)) {
      ignoredCommands.inc();
      return;
    }
    String device = ctx.getCurrentKey();
    long t = cmd.issuedAt();
    switch (cmd.action()) {
      case ACKNOWLEDGE -> {
        if (st.acknowledged) {
          ignoredCommands.inc();
          return;
        }
        st.acknowledged = true;
        emit(
            device,
            cmd.ruleId(),
            st,
            AlarmState.ACKNOWLEDGED,
            t,
            "Acknowledged by " + cmd.operatorId(),
            false,
            out);
      }
      case SHELVE -> {
        if (st.shelvedUntil == cmd.shelvedUntil()) {
          ignoredCommands.inc();
          return;
        }
        st.shelvedUntil = cmd.shelvedUntil();
        ctx.timerService().registerEventTimeTimer(st.shelvedUntil);
        emit(
            device,
            cmd.ruleId(),
            st,
            AlarmState.SHELVED,
            t,
            "Shelved by " + cmd.operatorId() + " until " + Instant.ofEpochMilli(st.shelvedUntil),
            false,
            out);
      }
      case UNSHELVE -> {
        if (st.shelvedUntil < 0) {
          ignoredCommands.inc();
          return;
        }
        unshelve(device, cmd.ruleId(), st, t, out);
      }
    }
    save(cmd.ruleId(), st);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<AlarmRecord> out) throws Exception {
    String device = ctx.getCurrentKey();
    List<Map.Entry<String, AlarmStatus>> entries = new ArrayList<>();
    statuses.entries().forEach(entries::add);
    for (Map.Entry<String, AlarmStatus> e : entries) {
      String rule = e.getKey();
      AlarmStatus st = e.getValue();
      if (st.raiseAt >= 0 && st.raiseAt <= time) {
        raise(device, rule, st, st.raiseAt, out);
      }
      if (st.clearAt >= 0 && st.clearAt <= time) {
        clear(device, rule, st, st.clearAt, out);
      }
      if (st.shelvedUntil >= 0 && st.shelvedUntil <= time) {
        unshelve(device, rule, st, st.shelvedUntil, out);
      }
      save(rule, st);
    }
  }

  private void raise(
      String device, String rule, AlarmStatus st, long t, Collector<AlarmRecord> out) {
    st.raiseAt = -1;
    if (st.shelvedUntil > t) {
      return; // announced when the shelf ends, if the condition is still there
    }
    st.alarmId = AlarmIds.alarmId(device, rule, t);
    st.transitions = 0;
    st.acknowledged = false;
    boolean opensWorkOrder = st.severity.compareTo(workOrderMinSeverity) >= 0;
    emit(device, rule, st, AlarmState.RAISED, t, st.message, opensWorkOrder, out);
  }

  private void clear(
      String device, String rule, AlarmStatus st, long t, Collector<AlarmRecord> out) {
    st.clearAt = -1;
    emit(device, rule, st, AlarmState.CLEARED, t, rule + " condition ended", false, out);
    st.alarmId = null;
    st.acknowledged = false;
  }

  private void unshelve(
      String device, String rule, AlarmStatus st, long t, Collector<AlarmRecord> out) {
    st.shelvedUntil = -1;
    if (!st.conditionActive) {
      return;
    }
    if (st.alarmId == null) {
      raise(device, rule, st, t, out);
    } else {
      st.acknowledged = false;
      emit(device, rule, st, AlarmState.RAISED, t, "Shelf ended: " + st.message, false, out);
    }
  }

  private void emit(
      String device,
      String rule,
      AlarmStatus st,
      AlarmState state,
      long t,
      String message,
      boolean opensWorkOrder,
      Collector<AlarmRecord> out) {
    st.transitions++;
    out.collect(
        new AlarmRecord(
            st.alarmId,
            st.transitions,
            device,
            st.siteId,
            st.areaId,
            rule,
            st.severity,
            state,
            t,
            message,
            state == AlarmState.RAISED ? st.evidence : Map.of(),
            opensWorkOrder));
  }

  private void save(String rule, AlarmStatus st) throws Exception {
    if (st.isIdle()) {
      statuses.remove(rule);
    } else {
      statuses.put(rule, st);
    }
  }
}
