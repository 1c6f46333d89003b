package io.plantline.contracts.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;

/** JSON codec of {@link AlarmEvent}; {@code evidence} is a JSON object of finite numbers. */
final class AlarmEventCodec extends JsonCodec<AlarmEvent> {

  @Override
  AlarmEvent read(JsonFields f) {
    int schemaVersion = f.schemaVersion(AlarmEvent.SUPPORTED_SCHEMA_VERSIONS);
    return new AlarmEvent(
        f.uuid("eventId"),
        schemaVersion,
        f.string("alarmId"),
        f.string("deviceId"),
        f.string("siteId"),
        f.string("areaId"),
        f.string("ruleId"),
        f.enumValue("severity", AlarmSeverity.class),
        f.enumValue("state", AlarmState.class),
        f.instant("occurredAt"),
        f.string("message"),
        f.numberMap("evidence"));
  }

  @Override
  void write(AlarmEvent alarm, ObjectNode node) {
    put(node, "eventId", alarm.eventId());
    node.put("schemaVersion", alarm.schemaVersion());
    node.put("alarmId", alarm.alarmId());
    node.put("deviceId", alarm.deviceId());
    node.put("siteId", alarm.siteId());
    node.put("areaId", alarm.areaId());
    node.put("ruleId", alarm.ruleId());
    put(node, "severity", alarm.severity());
    put(node, "state", alarm.state());
    put(node, "occurredAt", alarm.occurredAt());
    node.put("message", alarm.message());
    put(node, "evidence", alarm.evidence());
  }
}
