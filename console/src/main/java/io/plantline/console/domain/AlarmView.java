package io.plantline.console.domain;

import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The console's current picture of one alarm occurrence: the latest lifecycle event, plus what
 * earlier events said that later ones leave out (the evidence of the raise, whether it was
 * acknowledged) and the work order opened for it, if known.
 *
 * @param alarmId the occurrence
 * @param deviceId the device
 * @param siteId the device's site
 * @param areaId the device's area
 * @param ruleId the rule that raised it
 * @param severity the severity
 * @param state the latest lifecycle state
 * @param raisedAt the time of the first event seen (the raise, normally)
 * @param updatedAt the time of the latest event
 * @param message the raise's message (what the condition was), or the first event's
 * @param lastMessage the latest event's message (for example who acknowledged)
 * @param evidence the latest non-empty evidence
 * @param acknowledged whether an ACKNOWLEDGED event was seen
 * @param workOrderId the work order opened for the alarm, or null
 * @param lastEventId id of the latest event applied
 */
public record AlarmView(
    String alarmId,
    String deviceId,
    String siteId,
    String areaId,
    String ruleId,
    AlarmSeverity severity,
    AlarmState state,
    Instant raisedAt,
    Instant updatedAt,
    String message,
    String lastMessage,
    Map<String, Double> evidence,
    boolean acknowledged,
    String workOrderId,
    UUID lastEventId) {

  /** Whether the alarm still needs attention (not cleared). */
  public boolean active() {
    return state != AlarmState.CLEARED;
  }

  AlarmView withWorkOrder(String id) {
    return new AlarmView(
        alarmId,
        deviceId,
        siteId,
        areaId,
        ruleId,
        severity,
        state,
        raisedAt,
        updatedAt,
        message,
        lastMessage,
        evidence,
        acknowledged,
        id,
        lastEventId);
  }
}
