package io.plantline.scheduling.domain.jobshop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A start time for every operation of a {@link JobShop}. {@link #violations()} checks it against
 * the problem, so no solver result is trusted unchecked.
 */
public final class Schedule {
  private final JobShop shop;
  private final int[] start;
  private final int makespan;

  /** A schedule from start times indexed by operation. */
  public Schedule(JobShop shop, int[] start) {
    if (start.length != shop.operationCount()) {
      throw new IllegalArgumentException(
          "expected " + shop.operationCount() + " start times, got " + start.length);
    }
    this.shop = shop;
    this.start = start.clone();
    int end = 0;
    for (int o = 0; o < start.length; o++) {
      end = Math.max(end, start[o] + shop.durationOf(o));
    }
    this.makespan = end;
  }

  /** The problem scheduled. */
  public JobShop shop() {
    return shop;
  }

  /** When operation {@code o} starts. */
  public int startOf(int o) {
    return start[o];
  }

  /** When operation {@code o} ends. */
  public int endOf(int o) {
    return start[o] + shop.durationOf(o);
  }

  /** When the last operation ends. */
  public int makespan() {
    return makespan;
  }

  /** The operations of each machine in the order they run (ties by operation number). */
  public int[][] machineSequences() {
    int[][] sequences = new int[shop.machineCount()][];
    for (int m = 0; m < shop.machineCount(); m++) {
      sequences[m] =
          Arrays.stream(shop.operationsOfMachine(m))
              .boxed()
              .sorted(
                  (a, b) ->
                      start[a] != start[b]
                          ? Integer.compare(start[a], start[b])
                          : Integer.compare(a, b))
              .mapToInt(Integer::intValue)
              .toArray();
    }
    return sequences;
  }

  /** All operations ordered by start time (ties by operation number): a priority list. */
  public int[] operationsByStart() {
    return java.util.stream.IntStream.range(0, start.length)
        .boxed()
        .sorted(
            (a, b) ->
                start[a] != start[b] ? Integer.compare(start[a], start[b]) : Integer.compare(a, b))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /**
   * What makes this schedule infeasible: a start before the job's release, an operation starting
   * before a predecessor ends, two operations overlapping on a machine, an operation overlapping an
   * unavailability window. Empty when the schedule is feasible.
   */
  public List<String> violations() {
    List<String> violations = new ArrayList<>();
    for (int o = 0; o < start.length; o++) {
      if (start[o] < shop.releaseOf(o)) {
        violations.add(
            describe(o) + " starts at " + start[o] + " before its release " + shop.releaseOf(o));
      }
      for (int p : shop.jobPredecessors(o)) {
        if (start[o] < endOf(p)) {
          violations.add(
              describe(o)
                  + " starts at "
                  + start[o]
                  + " before "
                  + describe(p)
                  + " ends at "
                  + endOf(p));
        }
      }
      MachineCalendar calendar = shop.calendar(shop.machineOf(o));
      if (calendar.earliestStart(start[o], shop.durationOf(o)) != start[o]) {
        violations.add(
            describe(o) + " at " + start[o] + " overlaps an unavailability window of its machine");
      }
    }
    for (int[] sequence : machineSequences()) {
      for (int i = 1; i < sequence.length; i++) {
        int before = sequence[i - 1];
        int after = sequence[i];
        if (start[after] < endOf(before)
            && shop.durationOf(before) > 0
            && shop.durationOf(after) > 0) {
          violations.add(
              describe(after)
                  + " at "
                  + start[after]
                  + " overlaps "
                  + describe(before)
                  + " on machine "
                  + shop.machineId(shop.machineOf(after)));
        }
      }
    }
    return violations;
  }

  private String describe(int o) {
    return "job " + shop.jobId(shop.jobOf(o)) + " operation " + shop.operationId(o);
  }
}
