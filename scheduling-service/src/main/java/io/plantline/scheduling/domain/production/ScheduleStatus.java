package io.plantline.scheduling.domain.production;

/** Where a schedule version is in its life. */
public enum ScheduleStatus {
  /** Accepted, waiting for the solver. */
  QUEUED,
  /** The solver works on it. */
  SOLVING,
  /** Solved; the result is there. */
  DONE,
  /** The solver could not schedule it; the error says why. */
  FAILED
}
