package io.plantline.scheduling.domain.jobshop;

import java.util.SplittableRandom;

/**
 * Tabu search on the critical path (the N5 neighbourhood of Nowicki and Smutnicki): swap the first
 * two or the last two operations of each critical block, pick the best move by the estimate of
 * Taillard (heads and tails, constant time per move), forbid undoing it for a random tenure, and
 * allow a tabu move when it would beat the best makespan found. Not thread-safe: one per thread.
 */
final class TabuSearch {
  private final JobShop shop;
  private final int tenureMin;
  private final int tenureSpread;
  private final int[] path;
  private final int[] moveU;
  private final int[] moveV;
  private final int[] tabuUntil;
  private final java.util.HashMap<Long, Integer> sparseTabu;
  private final int lowerBound;
  private long iterations;

  TabuSearch(JobShop shop) {
    this.shop = shop;
    int n = shop.operationCount();
    this.tenureMin = 10 + shop.jobCount() / Math.max(1, shop.machineCount());
    this.tenureSpread = Math.max(2, tenureMin * 2 / 5);
    this.path = new int[n];
    this.moveU = new int[2 * n];
    this.moveV = new int[2 * n];
    boolean dense = (long) n * n <= 4_000_000L;
    this.tabuUntil = dense ? new int[n * n] : null;
    this.sparseTabu = dense ? null : new java.util.HashMap<>();
    this.lowerBound = shop.lowerBound();
  }

  /** Tabu-search iterations done so far by this instance. */
  long iterations() {
    return iterations;
  }

  /**
   * Improves a schedule.
   *
   * @param start where to start; not modified
   * @param maxNonImproving stop after this many iterations without a new best
   * @param deadlineNanos stop at this {@link System#nanoTime()}
   * @param random tie-breaking and tenure
   * @return the best sequences found
   */
  MachineSequences improve(
      MachineSequences start, int maxNonImproving, long deadlineNanos, SplittableRandom random) {
    MachineSequences current = start.copy();
    MachineSequences best = start.copy();
    if (tabuUntil != null) {
      java.util.Arrays.fill(tabuUntil, 0);
    } else {
      sparseTabu.clear();
    }
    boolean excludeOuterSwaps = !shop.hasTimeConstraints();
    int iteration = 0;
    int sinceBest = 0;
    while (sinceBest < maxNonImproving && best.makespan() > lowerBound) {
      if ((iteration & 63) == 0 && System.nanoTime() - deadlineNanos > 0) {
        break;
      }
      iteration++;
      int moves = neighbourhood(current, excludeOuterSwaps);
      if (moves == 0) {
        break; // no block can be reordered: the critical path is fixed, this schedule is optimal
      }
      int chosen = -1;
      int chosenEstimate = Integer.MAX_VALUE;
      int ties = 0;
      for (int i = 0; i < moves; i++) {
        int estimate = estimate(current, moveU[i], moveV[i]);
        boolean tabu = isTabu(moveV[i], moveU[i], iteration);
        if (tabu && estimate >= best.makespan()) {
          continue;
        }
        if (estimate < chosenEstimate) {
          chosen = i;
          chosenEstimate = estimate;
          ties = 1;
        } else if (estimate == chosenEstimate && random.nextInt(++ties) == 0) {
          chosen = i;
        }
      }
      if (chosen < 0) {
        chosen = random.nextInt(moves); // everything is tabu: move anyway, the tenure will pass
      }
      int u = moveU[chosen];
      int v = moveV[chosen];
      current.swap(u, v);
      if (!current.evaluate()) {
        current.swap(v, u); // cannot happen without windows; with them, refuse the move
        current.evaluate();
        forbid(u, v, iteration + tenureMin);
        sinceBest++;
        continue;
      }
      forbid(u, v, iteration + tenureMin + random.nextInt(tenureSpread));
      if (current.makespan() < best.makespan()) {
        best = current.copy();
        sinceBest = 0;
      } else {
        sinceBest++;
      }
    }
    iterations += iteration;
    return best;
  }

  /** Fills the move arrays with the N5 swaps of the current critical path. */
  private int neighbourhood(MachineSequences s, boolean excludeOuterSwaps) {
    int length = s.criticalPath(path);
    int moves = 0;
    int blockStart = 0;
    for (int i = 1; i <= length; i++) {
      boolean blockEnds = i == length || s.machinePredecessor[path[i]] != path[i - 1];
      if (!blockEnds) {
        continue;
      }
      int first = blockStart;
      int last = i - 1;
      if (last > first) {
        boolean firstBlock = first == 0;
        boolean lastBlock = i == length;
        if (!(excludeOuterSwaps && firstBlock)) {
          moveU[moves] = path[first];
          moveV[moves++] = path[first + 1];
        }
        if (!(excludeOuterSwaps && lastBlock)
            && (last - 1 > first || excludeOuterSwaps && firstBlock)) {
          moveU[moves] = path[last - 1];
          moveV[moves++] = path[last];
        }
      }
      blockStart = i;
    }
    return moves;
  }

  /**
   * Taillard's estimate of the makespan after swapping {@code u} with its machine successor {@code
   * v}.
   */
  private int estimate(MachineSequences s, int u, int v) {
    int before = s.machinePredecessor[u];
    int after = s.machineSuccessor[v];
    int du = shop.durationOf(u);
    int dv = shop.durationOf(v);
    int machineReady = before >= 0 ? s.head[before] + shop.durationOf(before) : 0;
    int headV = Math.max(jobReady(s, v), machineReady);
    headV = shop.calendar(shop.machineOf(v)).earliestStart(headV, dv);
    int headU = Math.max(jobReady(s, u), headV + dv);
    headU = shop.calendar(shop.machineOf(u)).earliestStart(headU, du);
    int machineAfter = after >= 0 ? shop.durationOf(after) + s.tail[after] : 0;
    int tailU = Math.max(jobTail(s, u), machineAfter);
    int tailV = Math.max(jobTail(s, v), tailU + du);
    return Math.max(headV + dv + tailV, headU + du + tailU);
  }

  private int jobReady(MachineSequences s, int o) {
    int ready = shop.releaseOf(o);
    for (int p : shop.jobPredecessors(o)) {
      ready = Math.max(ready, s.head[p] + shop.durationOf(p));
    }
    return ready;
  }

  private int jobTail(MachineSequences s, int o) {
    int tail = 0;
    for (int next : shop.jobSuccessors(o)) {
      tail = Math.max(tail, shop.durationOf(next) + s.tail[next]);
    }
    return tail;
  }

  /** Whether putting {@code first} right before {@code second} again is forbidden. */
  private boolean isTabu(int first, int second, int iteration) {
    if (tabuUntil != null) {
      return tabuUntil[first * shop.operationCount() + second] > iteration;
    }
    Integer until = sparseTabu.get((long) first * shop.operationCount() + second);
    return until != null && until > iteration;
  }

  private void forbid(int first, int second, int until) {
    if (tabuUntil != null) {
      tabuUntil[first * shop.operationCount() + second] = until;
    } else {
      sparseTabu.put((long) first * shop.operationCount() + second, until);
    }
  }
}
