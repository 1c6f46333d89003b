package io.plantline.scheduling.domain.production;

/** Where queued schedule versions wait for the solver. */
public interface SolverQueue {
  /**
   * Queues a version if there is room.
   *
   * @return false when the queue is full (the caller should ask again later)
   */
  boolean offer(ScheduleVersion version);

  /** Queues a version, waiting for room. */
  void put(ScheduleVersion version) throws InterruptedException;
}
