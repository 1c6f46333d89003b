package io.plantline.stream.domain;

import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The alarm lifecycle of one (device, rule) pair as pure steps over its {@link AlarmStatus}: the
 * job's {@code alarm-lifecycle} operator keeps the statuses in keyed state and turns the requested
 * timers into event-time timers; the backtest keeps them in a map and runs the timers itself. One
 * implementation, so both raise and clear at the same times.
 *
 * <p>RAISED after the rule's on-delay if the condition still holds; CLEARED after the off-delay if
 * it stayed away; ACKNOWLEDGED and SHELVED by operator commands that name the active occurrence. A
 * shelf holds back new occurrences until it ends; then the alarm is (re)announced if the condition
 * is still there. The first RAISED of an occurrence at or above {@code workOrderMinSeverity} is
 * marked to open a work order.
 *
 * <p>A raise or clear that fell due before a signal's event time happens before the signal is
 * applied, even if the timer has not fired yet: signals come in event-time order, timers only when
 * the watermark passes, and the two must not race. So the transitions do not depend on how far the
 * watermark moves at a time.
 */
public final class AlarmTransitions implements Serializable {
  private final AlarmSeverity workOrderMinSeverity;

  /** Alarms at or above {@code workOrderMinSeverity} open work orders. */
  public AlarmTransitions(AlarmSeverity workOrderMinSeverity) {
    this.workOrderMinSeverity = workOrderMinSeverity;
  }

  /**
   * Applies a change of the rule's condition.
   *
   * @param device the device
   * @param signal the change
   * @param st the pair's status (a new one if it had none)
   * @param out receives the transitions
   * @param timers receives the event times at which {@link #onTime} must run
   */
  public void onSignal(
      String device,
      RuleSignal signal,
      AlarmStatus st,
      Consumer<AlarmRecord> out,
      LongConsumer timers) {
    String rule = signal.ruleId();
    long t = signal.time();
    if (st.raiseAt >= 0 && st.raiseAt < t) {
      raise(device, rule, st, st.raiseAt, out);
    }
    if (st.clearAt >= 0 && st.clearAt < t) {
      clear(device, rule, st, st.clearAt, out);
    }
    st.siteId = signal.siteId();
    st.areaId = signal.areaId();
    st.severity = signal.severity();
    st.conditionActive = signal.active();
    if (signal.active()) {
      st.message = signal.message();
      st.evidence = signal.evidence();
      st.clearAt = -1;
      if (st.alarmId == null) {
        st.raiseAt = t + signal.onDelayMs();
        if (signal.onDelayMs() == 0) {
          raise(device, rule, st, t, out);
        } else {
          timers.accept(st.raiseAt);
        }
      }
    } else {
      st.raiseAt = -1;
      if (st.alarmId != null) {
        st.clearAt = t + signal.offDelayMs();
        if (signal.offDelayMs() == 0) {
          clear(device, rule, st, t, out);
        } else {
          timers.accept(st.clearAt);
        }
      }
    }
  }

  /**
   * Applies an operator command to the pair.
   *
   * @return false if the command was ignored: no active occurrence with its alarm id, or nothing to
   *     change
   */
  public boolean onCommand(
      OperatorCommand cmd, AlarmStatus st, Consumer<AlarmRecord> out, LongConsumer timers) {
    if (st == null || !cmd.alarmId().equals(st.alarmId)) {
      return false;
    }
    String device = cmd.deviceId();
    long t = cmd.issuedAt();
    switch (cmd.action()) {
      case ACKNOWLEDGE -> {
        if (st.acknowledged) {
          return false;
        }
        st.acknowledged = true;
        String message = "Acknowledged by " + cmd.operatorId();
        emit(device, cmd.ruleId(), st, AlarmState.ACKNOWLEDGED, t, message, false, out);
      }
      case SHELVE -> {
        if (st.shelvedUntil == cmd.shelvedUntil()) {
          return false;
        }
        st.shelvedUntil = cmd.shelvedUntil();
        timers.accept(st.shelvedUntil);
        String message =
            "Shelved by " + cmd.operatorId() + " until " + Instant.ofEpochMilli(st.shelvedUntil);
        emit(device, cmd.ruleId(), st, AlarmState.SHELVED, t, message, false, out);
      }
      case UNSHELVE -> {
        if (st.shelvedUntil < 0) {
          return false;
        }
        unshelve(device, cmd.ruleId(), st, t, out);
      }
    }
    return true;
  }

  /** Event time reached {@code time}: raises, clears and ends shelves that fell due. */
  public void onTime(
      String device, String rule, AlarmStatus st, long time, Consumer<AlarmRecord> out) {
    if (st.raiseAt >= 0 && st.raiseAt <= time) {
      raise(device, rule, st, st.raiseAt, out);
    }
    if (st.clearAt >= 0 && st.clearAt <= time) {
      clear(device, rule, st, st.clearAt, out);
    }
    if (st.shelvedUntil >= 0 && st.shelvedUntil <= time) {
      unshelve(device, rule, st, st.shelvedUntil, out);
    }
  }

  private void raise(
      String device, String rule, AlarmStatus st, long t, Consumer<AlarmRecord> out) {
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
      String device, String rule, AlarmStatus st, long t, Consumer<AlarmRecord> out) {
    st.clearAt = -1;
    emit(device, rule, st, AlarmState.CLEARED, t, rule + " condition ended", false, out);
    st.alarmId = null;
    st.acknowledged = false;
  }

  private void unshelve(
      String device, String rule, AlarmStatus st, long t, Consumer<AlarmRecord> out) {
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

  private static void emit(
      String device,
      String rule,
      AlarmStatus st,
      AlarmState state,
      long t,
      String message,
      boolean opensWorkOrder,
      Consumer<AlarmRecord> out) {
    st.transitions++;
    out.accept(
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
}
