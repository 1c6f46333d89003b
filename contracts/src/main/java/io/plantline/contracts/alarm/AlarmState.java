package io.plantline.contracts.alarm;

/** Lifecycle state of an alarm, in the spirit of ISA-18.2. */
public enum AlarmState {
  /** The condition became true; the alarm is active and unacknowledged. */
  RAISED,
  /** An operator acknowledged the alarm. */
  ACKNOWLEDGED,
  /** The condition returned to normal. */
  CLEARED,
  /** An operator suppressed the alarm for a while. */
  SHELVED
}
