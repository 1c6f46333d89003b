package io.plantline.scheduling.domain.production;

import java.util.List;
import java.util.Optional;

/** Where schedule versions are kept. Implementations are thread-safe. */
public interface ScheduleStore {
  /**
   * Stores a new version if no version of that number exists yet.
   *
   * @return false if the version number is taken (someone else re-planned first)
   */
  boolean insert(ScheduleVersion version);

  /** Replaces a version's status, result, error and finish time. */
  void update(ScheduleVersion version);

  /** All versions of a schedule, newest first; empty if unknown. */
  List<ScheduleVersion> versions(String scheduleId);

  /** The newest version of a schedule. */
  default Optional<ScheduleVersion> latest(String scheduleId) {
    return versions(scheduleId).stream().findFirst();
  }

  /** Ids of schedules whose request uses a machine. */
  List<String> schedulesUsing(String machineId);

  /** Ids of every schedule, newest first, at most {@code limit}. */
  List<String> recent(int limit);
}
