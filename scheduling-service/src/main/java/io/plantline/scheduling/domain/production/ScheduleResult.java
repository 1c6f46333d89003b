package io.plantline.scheduling.domain.production;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A solved production schedule.
 *
 * @param operations every operation with its machine and times, in start order
 * @param jobs when each job finishes and how late it is
 * @param downtimes the machine downtimes the schedule respects (requested, planned maintenance from
 *     work orders, disruptions)
 * @param end when the last operation ends
 * @param makespan from the horizon start to {@code end}
 * @param lowerBound no schedule can end before horizon start plus this
 * @param withinHorizon whether {@code end} is not after the horizon end
 * @param solver how the solver ran
 */
public record ScheduleResult(
    List<PlannedOperation> operations,
    List<JobCompletion> jobs,
    List<MachineDowntime> downtimes,
    Instant end,
    Duration makespan,
    Duration lowerBound,
    boolean withinHorizon,
    SolverRun solver) {

  /** Copies the lists. */
  public ScheduleResult {
    operations = List.copyOf(operations);
    jobs = List.copyOf(jobs);
    downtimes = List.copyOf(downtimes);
  }

  /**
   * One operation in the schedule.
   *
   * @param job the job's id
   * @param operation the operation's id
   * @param machine the machine's id
   * @param start when it starts
   * @param end when it ends
   * @param fixed whether it had already started or finished when the schedule was re-planned
   */
  public record PlannedOperation(
      String job, String operation, String machine, Instant start, Instant end, boolean fixed) {}

  /**
   * A job's completion.
   *
   * @param job the job's id
   * @param end when its last operation ends
   * @param due its due time, or null
   * @param lateness how much after {@code due} it ends (zero when on time), or null without a due
   *     time
   */
  public record JobCompletion(String job, Instant end, Instant due, Duration lateness) {}

  /**
   * A downtime of a machine that the schedule works around.
   *
   * @param machine the machine's id
   * @param from start
   * @param to end
   * @param reason why
   */
  public record MachineDowntime(String machine, Instant from, Instant to, String reason) {}

  /**
   * How the solver ran.
   *
   * @param generations GA generations
   * @param elapsed wall-clock time of the search
   * @param provenOptimal whether the makespan equals the lower bound
   */
  public record SolverRun(int generations, Duration elapsed, boolean provenOptimal) {}
}
