package io.plantline.stream.domain;

import io.plantline.contracts.alarm.AlarmSeverity;
import java.util.Map;

/**
 * A rule's condition on a device changed (became active, or ended) at an event time. The alarm
 * lifecycle turns signals into alarms after on- and off-delays.
 *
 * @param deviceId the device
 * @param siteId its site
 * @param areaId its area
 * @param ruleId the rule
 * @param active whether the condition now holds
 * @param time event time of the change, epoch milliseconds
 * @param severity severity of the rule
 * @param onDelayMs the rule's on-delay
 * @param offDelayMs the rule's off-delay
 * @param message what the rule saw
 * @param evidence figures of the rule and min/max/mean of its metrics, keys are ids
 */
public record RuleSignal(
    String deviceId,
    String siteId,
    String areaId,
    String ruleId,
    boolean active,
    long time,
    AlarmSeverity severity,
    long onDelayMs,
    long offDelayMs,
    String message,
    Map<String, Double> evidence) {}
