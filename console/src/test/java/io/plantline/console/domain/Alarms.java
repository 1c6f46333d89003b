package io.plantline.console.domain;

import io.plantline.contracts.alarm.AlarmEvent;
import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Alarm events for tests. */
public final class Alarms {
  private Alarms() {}

  /** An event of {@code alarmId} on {@code deviceId} at {@code site}. */
  public static AlarmEvent event(
      String alarmId,
      String deviceId,
      String site,
      AlarmState state,
      AlarmSeverity severity,
      Instant at,
      Map<String, Double> evidence) {
    return new AlarmEvent(
        UUID.randomUUID(),
        AlarmEvent.SCHEMA_VERSION,
        alarmId,
        deviceId,
        site,
        "area-1",
        "winding-overtemperature",
        severity,
        state,
        at,
        state == AlarmState.RAISED ? "winding temperature above 90 °C" : state.name().toLowerCase(),
        evidence);
  }
}
