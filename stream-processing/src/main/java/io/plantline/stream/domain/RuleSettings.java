package io.plantline.stream.domain;

import io.plantline.contracts.alarm.AlarmSeverity;
import java.io.Serializable;

/**
 * Rule-file settings that apply to every rule.
 *
 * @param evidenceWindowMs span of the min/max/mean evidence attached to alarms and work orders
 * @param historyBucketMs width of the {@link MetricHistory} buckets
 * @param workOrderMinSeverity alarms at or above it open a work order
 * @param floodMaxAlarms more RAISED alarms than this per area within {@code floodWindowMs} become
 *     one summary alarm
 * @param floodWindowMs the flood window (one minute in ISA-18.2's sense)
 */
public record RuleSettings(
    long evidenceWindowMs,
    long historyBucketMs,
    AlarmSeverity workOrderMinSeverity,
    int floodMaxAlarms,
    long floodWindowMs)
    implements Serializable {}
