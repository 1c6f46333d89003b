package io.plantline.stream.domain;

import io.plantline.contracts.alarm.AlarmSeverity;
import java.util.HashMap;
import java.util.Map;

/**
 * The lifecycle state of one (device, rule) pair: the condition as last signalled, pending on- and
 * off-delay deadlines, the active alarm occurrence (at most one), acknowledgement and shelf. A
 * mutable POJO kept in keyed state by the alarm lifecycle operator.
 */
public final class AlarmStatus {
  /** Site of the device. */
  public String siteId;

  /** Area of the device. */
  public String areaId;

  /** The condition as last signalled. */
  public boolean conditionActive;

  /** Event time at which the alarm is to be raised (on-delay), or -1. */
  public long raiseAt = -1;

  /** Event time at which the alarm is to be cleared (off-delay), or -1. */
  public long clearAt = -1;

  /** End of the shelf, or -1 when not shelved. */
  public long shelvedUntil = -1;

  /** The active occurrence, or null. */
  public String alarmId;

  /** Transitions of the active occurrence so far. */
  public int transitions;

  /** Whether an operator acknowledged the active occurrence. */
  public boolean acknowledged;

  /** Severity of the rule. */
  public AlarmSeverity severity;

  /** Message of the last activating signal. */
  public String message;

  /** Evidence of the last activating signal. */
  public Map<String, Double> evidence = new HashMap<>();

  /** A POJO needs a public no-argument constructor. */
  public AlarmStatus() {}

  /** Nothing pending, nothing active, not shelved: the state can be dropped. */
  public boolean isIdle() {
    return alarmId == null && !conditionActive && raiseAt < 0 && clearAt < 0 && shelvedUntil < 0;
  }
}
