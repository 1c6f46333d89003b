package io.plantline.contracts.alarm;

/** What an operator asks of an alarm through an {@link AlarmCommand}. */
public enum AlarmAction {
  /** The operator has seen the alarm; it stays active until its condition clears. */
  ACKNOWLEDGE,
  /**
   * Suppress the alarm (and new occurrences of its rule on the device) until {@code shelvedUntil}.
   */
  SHELVE,
  /** End a shelf before its time. */
  UNSHELVE
}
