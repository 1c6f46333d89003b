package io.plantline.stream.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids. An alarm occurrence is named by its device, rule and the event time it was
 * raised at, so replaying the same telemetry after a restart produces the same alarm id, and every
 * id derived from it (event ids, the work order, its command) is the same too: downstream consumers
 * can deduplicate even if a record were delivered twice.
 */
public final class AlarmIds {
  private AlarmIds() {}

  /** The alarm id: {@code alm-} and the name-based UUID of device, rule and raise time. */
  public static String alarmId(String deviceId, String ruleId, long raisedAt) {
    return "alm-" + uuid("alarm/" + deviceId + "/" + ruleId + "/" + raisedAt);
  }

  /** The event id of the {@code transition}-th lifecycle event of an alarm. */
  public static UUID eventId(String alarmId, int transition) {
    return uuid("alarm-event/" + alarmId + "/" + transition);
  }

  /** The work order an alarm opens. */
  public static String workOrderId(String alarmId) {
    return "wo-" + uuid("work-order/" + alarmId);
  }

  /** The id of the command that opens the work order of an alarm. */
  public static UUID openWorkOrderCommandId(String alarmId) {
    return uuid("open-work-order/" + alarmId);
  }

  private static UUID uuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
