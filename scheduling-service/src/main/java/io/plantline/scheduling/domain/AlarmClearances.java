package io.plantline.scheduling.domain;

import java.util.Optional;

/**
 * Port: alarms that have cleared, kept so that an order whose alarm cleared before the work was
 * done is verified as soon as it is completed.
 */
public interface AlarmClearances {

  /** Records that the alarm cleared (a later clearance of the same alarm replaces it). */
  void record(AlarmClearance clearance);

  /** The clearance of {@code alarmId}, if it cleared. */
  Optional<AlarmClearance> find(String alarmId);
}
