package io.plantline.scheduling.domain.jobshop;

/**
 * The Giffler–Thompson algorithm: builds an active schedule by repeatedly taking the machine where
 * the earliest possible completion happens and starting, among the operations that could begin
 * there before that completion (the conflict set), the one ranked first by a priority list. Every
 * permutation of operations is a valid priority list, which is what makes it a decoder for a
 * genetic algorithm; a dispatching rule is a priority list too.
 *
 * <p>Machine unavailability windows are respected: an operation's earliest start skips past any
 * window it would overlap. Not thread-safe: one decoder per thread.
 */
public final class ActiveScheduleDecoder {
  private final JobShop shop;
  private final int[] missingPredecessors;
  private final int[] ready;
  private final int[] machineFree;
  private final int[] candidates;
  private final int[] start;

  /** A decoder for one problem. */
  public ActiveScheduleDecoder(JobShop shop) {
    this.shop = shop;
    int n = shop.operationCount();
    this.missingPredecessors = new int[n];
    this.ready = new int[n];
    this.machineFree = new int[shop.machineCount()];
    this.candidates = new int[n];
    this.start = new int[n];
  }

  /**
   * Decodes a priority list.
   *
   * @param rank {@code rank[o]} is operation {@code o}'s place in the priority list; lower runs
   *     first among operations in conflict
   * @return the active schedule
   */
  public Schedule decode(int[] rank) {
    int n = shop.operationCount();
    int candidateCount = 0;
    java.util.Arrays.fill(machineFree, 0);
    for (int o = 0; o < n; o++) {
      missingPredecessors[o] = shop.jobPredecessors(o).length;
      ready[o] = shop.releaseOf(o);
      if (missingPredecessors[o] == 0) {
        candidates[candidateCount++] = o;
      }
    }
    for (int scheduled = 0; scheduled < n; scheduled++) {
      // The operation that could complete first fixes the machine and the conflict window.
      int firstEnd = Integer.MAX_VALUE;
      int machine = -1;
      for (int c = 0; c < candidateCount; c++) {
        int o = candidates[c];
        int end = earliestStart(o) + shop.durationOf(o);
        if (end < firstEnd) {
          firstEnd = end;
          machine = shop.machineOf(o);
        }
      }
      int chosen = -1;
      int chosenAt = -1;
      for (int c = 0; c < candidateCount; c++) {
        int o = candidates[c];
        if (shop.machineOf(o) == machine
            && earliestStart(o) < firstEnd
            && (chosen < 0 || rank[o] < rank[chosen])) {
          chosen = o;
          chosenAt = c;
        }
      }
      if (chosen < 0) {
        // Only zero-duration operations at firstEnd remain in conflict: take the best-ranked one.
        for (int c = 0; c < candidateCount; c++) {
          int o = candidates[c];
          if (shop.machineOf(o) == machine && (chosen < 0 || rank[o] < rank[chosen])) {
            chosen = o;
            chosenAt = c;
          }
        }
      }
      int begin = earliestStart(chosen);
      start[chosen] = begin;
      machineFree[machine] = begin + shop.durationOf(chosen);
      candidates[chosenAt] = candidates[--candidateCount];
      for (int next : shop.jobSuccessors(chosen)) {
        ready[next] = Math.max(ready[next], begin + shop.durationOf(chosen));
        if (--missingPredecessors[next] == 0) {
          candidates[candidateCount++] = next;
        }
      }
    }
    return new Schedule(shop, start);
  }

  private int earliestStart(int o) {
    int m = shop.machineOf(o);
    return shop.calendar(m).earliestStart(Math.max(ready[o], machineFree[m]), shop.durationOf(o));
  }

  /** The rank array of a priority list: {@code rank[list[i]] = i}. */
  public static int[] rankOf(int[] priorityList) {
    int[] rank = new int[priorityList.length];
    for (int i = 0; i < priorityList.length; i++) {
      rank[priorityList[i]] = i;
    }
    return rank;
  }
}
