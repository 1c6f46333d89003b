package io.plantline.stream.job;

import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import io.plantline.stream.domain.AlarmIds;
import io.plantline.stream.domain.AlarmRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Alarm flood suppression per area (keyed by {@code siteId/areaId}): while more than {@code
 * maxAlarms} alarms were raised in the area within the flood window (one minute), further RAISED
 * alarms are held back and one summary alarm (rule {@value #FLOOD_RULE}, device = the area) is
 * raised instead; it clears once a whole window passes at or under the limit. Later transitions of
 * a held-back alarm are held back too. Held-back alarms open no work order: maintenance gets what
 * operators see.
 *
 * <p>Alarms of different devices reach this operator from different subtasks, so the window counts
 * by event time as alarms arrive; within the watermark's bound that is a close approximation.
 */
public final class FloodSuppression extends KeyedProcessFunction<String, AlarmRecord, AlarmRecord> {
  /** Rule id of the summary alarm. */
  public static final String FLOOD_RULE = "alarm-flood";

  private final int maxAlarms;
  private final long windowMs;

  private transient ListState<Long> raises;
  private transient MapState<String, Boolean> heldBack;
  private transient ValueState<AlarmRecord> summary;

  /** At most {@code maxAlarms} RAISED per area within {@code windowMs} pass. */
  public FloodSuppression(int maxAlarms, long windowMs) {
    this.maxAlarms = maxAlarms;
    this.windowMs = windowMs;
  }

  @Override
  public void open(OpenContext context) {
    raises = getRuntimeContext().getListState(new ListStateDescriptor<>("raises", Types.LONG));
    heldBack =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("held-back", Types.STRING, Types.BOOLEAN));
    summary =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "flood-summary",
                    org.apache.flink.api.common.typeinfo.TypeInformation.of(AlarmRecord.class)));
  }

  @Override
  public void processElement(AlarmRecord alarm, Context ctx, Collector<AlarmRecord> out)
      throws Exception {
    if (alarm.state() != AlarmState.RAISED || alarm.transition() != 1) {
      if (heldBack.contains(alarm.alarmId())) {
        if (alarm.state() == AlarmState.CLEARED) {
          heldBack.remove(alarm.alarmId());
        }
        return;
      }
      out.collect(alarm);
      return;
    }
    List<Long> recent = recent(alarm.time());
    recent.add(alarm.time());
    raises.update(recent);
    ctx.timerService().registerEventTimeTimer(alarm.time() + windowMs);
    if (recent.size() <= maxAlarms && summary.value() == null) {
      out.collect(alarm);
      return;
    }
    heldBack.put(alarm.alarmId(), true);
    if (summary.value() == null) {
      String area = alarm.areaId();
      String alarmId = AlarmIds.alarmId(area, FLOOD_RULE, alarm.time());
      AlarmRecord raised =
          new AlarmRecord(
              alarmId,
              1,
              area,
              alarm.siteId(),
              area,
              FLOOD_RULE,
              AlarmSeverity.HIGH,
              AlarmState.RAISED,
              alarm.time(),
              String.format(
                  "Alarm flood in %s/%s: %d alarms within %ds; further alarms of the area are"
                      + " suppressed",
                  alarm.siteId(), area, recent.size(), windowMs / 1000),
              Map.of("alarms.in.window", (double) recent.size(), "limit", (double) maxAlarms),
              false);
      summary.update(raised);
      out.collect(raised);
    }
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<AlarmRecord> out) throws Exception {
    List<Long> recent = recent(time);
    raises.update(recent);
    AlarmRecord raised = summary.value();
    if (raised != null && recent.size() <= maxAlarms) {
      int suppressed = 0;
      for (String ignored : heldBack.keys()) {
        suppressed++;
      }
      out.collect(
          new AlarmRecord(
              raised.alarmId(),
              2,
              raised.deviceId(),
              raised.siteId(),
              raised.areaId(),
              FLOOD_RULE,
              raised.severity(),
              AlarmState.CLEARED,
              time,
              String.format(
                  "Alarm flood in %s/%s over; %d suppressed alarms still active",
                  raised.siteId(), raised.areaId(), suppressed),
              Map.of(),
              false));
      summary.clear();
    }
    if (recent.isEmpty() && summary.value() == null && heldBack.isEmpty()) {
      raises.clear();
    }
  }

  private List<Long> recent(long now) throws Exception {
    List<Long> kept = new ArrayList<>();
    Iterable<Long> all = raises.get();
    if (all != null) {
      for (Long t : all) {
        if (t > now - windowMs) {
          kept.add(t);
        }
      }
    }
    return kept;
  }
}
