package io.plantline.contracts.alarm;

import io.plantline.contracts.Checks;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A change in an alarm's lifecycle, published on {@code alarms.v1} keyed by {@code deviceId}.
 *
 * <p>One {@code alarmId} names one occurrence of a rule firing on a device; its RAISED,
 * ACKNOWLEDGED, SHELVED and CLEARED events share it. {@code evidence} holds the figures the rule
 * judged, by name, for example {@code {"temperature.mean": 92.4, "threshold": 90.0}}; it may be
 * empty for events that change only the state.
 *
 * @param eventId unique id of the event
 * @param schemaVersion schema version, one of {@link #SUPPORTED_SCHEMA_VERSIONS}
 * @param alarmId the alarm occurrence
 * @param deviceId the device the alarm is about; the Kafka key
 * @param siteId site of the device
 * @param areaId area of the device within its site
 * @param ruleId the rule that raised the alarm
 * @param severity how urgent the alarm is
 * @param state the lifecycle state this event moves the alarm to
 * @param occurredAt when the state change happened
 * @param message human-readable description
 * @param evidence named finite figures behind the alarm, keys are {@link Ids ids}, sorted by key
 */
public record AlarmEvent(
    UUID eventId,
    int schemaVersion,
    String alarmId,
    String deviceId,
    String siteId,
    String areaId,
    String ruleId,
    AlarmSeverity severity,
    AlarmState state,
    Instant occurredAt,
    String message,
    Map<String, Double> evidence) {

  /** The schema version producers write today. */
  public static final int SCHEMA_VERSION = 1;

  /** Schema versions this build can read. */
  public static final Set<Integer> SUPPORTED_SCHEMA_VERSIONS = Set.of(1);

  /** Validates every component and copies {@code evidence} into an unmodifiable sorted map. */
  public AlarmEvent {
    Checks.present("eventId", eventId);
    Checks.schemaVersion(schemaVersion, SUPPORTED_SCHEMA_VERSIONS);
    Ids.require("alarmId", alarmId);
    Ids.require("deviceId", deviceId);
    Ids.require("siteId", siteId);
    Ids.require("areaId", areaId);
    Ids.require("ruleId", ruleId);
    Checks.present("severity", severity);
    Checks.present("state", state);
    Checks.present("occurredAt", occurredAt);
    Checks.text("message", message);
    evidence = Checks.figures("evidence", evidence);
  }
}
