package io.plantline.stream.job;

import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.codec.Codecs;
import io.plantline.stream.domain.AlarmIds;
import io.plantline.stream.domain.AlarmRecord;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;

/** Encodes alarm transitions as {@code AlarmEvent} JSON for {@code alarms.v1}, keyed by device. */
public final class AlarmEncoder implements MapFunction<AlarmRecord, EncodedEvent> {

  @Override
  public EncodedEvent map(AlarmRecord a) {
    return new EncodedEvent(a.deviceId(), Codecs.ALARM_EVENT.encode(toEvent(a)), Map.of());
  }

  /** The contract event of a transition; its event id derives from the alarm id. */
  public static AlarmEvent toEvent(AlarmRecord a) {
    return new AlarmEvent(
        AlarmIds.eventId(a.alarmId(), a.transition()),
        AlarmEvent.SCHEMA_VERSION,
        a.alarmId(),
        a.deviceId(),
        a.siteId(),
        a.areaId(),
        a.ruleId(),
        a.severity(),
        a.state(),
        Instant.ofEpochMilli(a.time()),
        a.message(),
        a.evidence());
  }
}
