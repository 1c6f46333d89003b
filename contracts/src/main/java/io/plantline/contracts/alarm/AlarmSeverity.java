package io.plantline.contracts.alarm;

/** How urgent an alarm is, lowest first. */
public enum AlarmSeverity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
