package io.plantline.stream.domain;

import io.plantline.contracts.alarm.AlarmSeverity;
import io.plantline.contracts.alarm.AlarmState;
import java.util.Map;

/**
 * A lifecycle transition of an alarm inside the job, before it is encoded as an {@code AlarmEvent}.
 * Flink serialises it as a POJO (strings, primitives, enums, a map of doubles).
 *
 * @param alarmId the occurrence, see {@link AlarmIds#alarmId}
 * @param transition number of this transition within the occurrence, from 1
 * @param deviceId the device (for a flood summary: the area)
 * @param siteId its site
 * @param areaId its area
 * @param ruleId the rule
 * @param severity severity
 * @param state the state the alarm moves to
 * @param time event time of the transition
 * @param message human-readable description
 * @param evidence named figures
 * @param opensWorkOrder whether this transition opens a work order (first RAISED at or above the
 *     configured severity)
 */
public record AlarmRecord(
    String alarmId,
    int transition,
    String deviceId,
    String siteId,
    String areaId,
    String ruleId,
    AlarmSeverity severity,
    AlarmState state,
    long time,
    String message,
    Map<String, Double> evidence,
    boolean opensWorkOrder) {}
