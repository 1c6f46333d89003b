package io.plantline.stream.domain;

import io.plantline.contracts.alarm.AlarmSeverity;
import java.io.Serializable;

/**
 * What every rule has besides its detector's parameters.
 *
 * @param id rule id, unique in the rule file
 * @param kind detector kind as named in the rule file, e.g. {@code sustained-threshold}
 * @param severity severity of the alarms the rule raises
 * @param onDelayMs how long the condition must hold before the alarm is raised
 * @param offDelayMs how long the condition must be gone before the alarm clears
 * @param description what the rule watches, for alarm messages
 */
public record RuleSpec(
    String id,
    String kind,
    AlarmSeverity severity,
    long onDelayMs,
    long offDelayMs,
    String description)
    implements Serializable {}
