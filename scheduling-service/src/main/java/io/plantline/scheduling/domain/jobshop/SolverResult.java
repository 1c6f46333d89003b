package io.plantline.scheduling.domain.jobshop;

import java.time.Duration;

/**
 * What {@link MemeticScheduler} found.
 *
 * @param schedule the best schedule, feasible (checked)
 * @param lowerBound the problem's simple lower bound; equal to the makespan means proven optimal
 * @param generations generations run
 * @param children children decoded and improved
 * @param localSearchIterations tabu-search iterations over all threads
 * @param elapsed wall-clock time
 * @param bestFoundAfter wall-clock time when the best schedule was first found
 */
public record SolverResult(
    Schedule schedule,
    int lowerBound,
    int generations,
    long children,
    long localSearchIterations,
    Duration elapsed,
    Duration bestFoundAfter) {

  /** The best makespan. */
  public int makespan() {
    return schedule.makespan();
  }

  /** Whether the makespan equals the lower bound, so no better schedule exists. */
  public boolean provenOptimal() {
    return schedule.makespan() == lowerBound;
  }
}
