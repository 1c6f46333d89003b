package io.plantline.scheduling.domain.jobshop;

/**
 * A schedule as the order of operations on each machine (a selection of the disjunctive graph),
 * with the semi-active start times it implies: heads (earliest starts, windows and releases
 * respected), tails (longest work after an operation ends, windows ignored), the makespan and a
 * critical path. The working state of {@link TabuSearch}; not thread-safe.
 */
final class MachineSequences {
  private final JobShop shop;
  final int[] machinePredecessor;
  final int[] machineSuccessor;
  final int[] head;
  final int[] tail;
  private final int[] firstOnMachine;
  private final int[] order;
  private final int[] missing;
  private int makespan;

  MachineSequences(JobShop shop, int[][] sequences) {
    this.shop = shop;
    int n = shop.operationCount();
    this.machinePredecessor = new int[n];
    this.machineSuccessor = new int[n];
    this.head = new int[n];
    this.tail = new int[n];
    this.order = new int[n];
    this.missing = new int[n];
    this.firstOnMachine = new int[shop.machineCount()];
    for (int m = 0; m < sequences.length; m++) {
      int[] sequence = sequences[m];
      firstOnMachine[m] = sequence.length == 0 ? -1 : sequence[0];
      for (int i = 0; i < sequence.length; i++) {
        machinePredecessor[sequence[i]] = i == 0 ? -1 : sequence[i - 1];
        machineSuccessor[sequence[i]] = i == sequence.length - 1 ? -1 : sequence[i + 1];
      }
    }
    if (!evaluate()) {
      throw new IllegalArgumentException("machine sequences contradict job precedence (cycle)");
    }
  }

  private MachineSequences(MachineSequences other) {
    this.shop = other.shop;
    this.machinePredecessor = other.machinePredecessor.clone();
    this.machineSuccessor = other.machineSuccessor.clone();
    this.head = other.head.clone();
    this.tail = other.tail.clone();
    this.order = other.order.clone();
    this.missing = new int[other.missing.length];
    this.firstOnMachine = other.firstOnMachine.clone();
    this.makespan = other.makespan;
  }

  /** The sequences of a schedule, ordered by its start times. */
  static MachineSequences of(Schedule schedule) {
    return new MachineSequences(schedule.shop(), schedule.machineSequences());
  }

  MachineSequences copy() {
    return new MachineSequences(this);
  }

  int makespan() {
    return makespan;
  }

  JobShop shop() {
    return shop;
  }

  /**
   * Recomputes heads, tails and makespan in topological order.
   *
   * @return false if the sequences and job precedence form a cycle (state is then undefined)
   */
  boolean evaluate() {
    int n = shop.operationCount();
    int queued = 0;
    for (int o = 0; o < n; o++) {
      missing[o] = shop.jobPredecessors(o).length + (machinePredecessor[o] >= 0 ? 1 : 0);
      if (missing[o] == 0) {
        order[queued++] = o;
      }
    }
    int end = 0;
    for (int taken = 0; taken < queued; taken++) {
      int o = order[taken];
      int ready = shop.releaseOf(o);
      for (int p : shop.jobPredecessors(o)) {
        ready = Math.max(ready, head[p] + shop.durationOf(p));
      }
      int mp = machinePredecessor[o];
      if (mp >= 0) {
        ready = Math.max(ready, head[mp] + shop.durationOf(mp));
      }
      head[o] = shop.calendar(shop.machineOf(o)).earliestStart(ready, shop.durationOf(o));
      end = Math.max(end, head[o] + shop.durationOf(o));
      for (int s : shop.jobSuccessors(o)) {
        if (--missing[s] == 0) {
          order[queued++] = s;
        }
      }
      int ms = machineSuccessor[o];
      if (ms >= 0 && --missing[ms] == 0) {
        order[queued++] = ms;
      }
    }
    if (queued < n) {
      return false;
    }
    makespan = end;
    for (int i = n - 1; i >= 0; i--) {
      int o = order[i];
      int after = 0;
      for (int s : shop.jobSuccessors(o)) {
        after = Math.max(after, shop.durationOf(s) + tail[s]);
      }
      int ms = machineSuccessor[o];
      if (ms >= 0) {
        after = Math.max(after, shop.durationOf(ms) + tail[ms]);
      }
      tail[o] = after;
    }
    return true;
  }

  /** Swaps {@code u} and its machine successor {@code v}; call {@link #evaluate()} after. */
  void swap(int u, int v) {
    int before = machinePredecessor[u];
    int after = machineSuccessor[v];
    if (before >= 0) {
      machineSuccessor[before] = v;
    } else {
      firstOnMachine[shop.machineOf(u)] = v;
    }
    if (after >= 0) {
      machinePredecessor[after] = u;
    }
    machinePredecessor[v] = before;
    machineSuccessor[v] = u;
    machinePredecessor[u] = v;
    machineSuccessor[u] = after;
  }

  /**
   * A critical path, from its first operation to one ending at the makespan, following tight arcs
   * (machine arcs preferred, so machine blocks come out whole).
   *
   * @param path filled with the path's operations in time order
   * @return the number of operations on the path
   */
  int criticalPath(int[] path) {
    int last = -1;
    for (int o = 0; o < head.length && last < 0; o++) {
      if (head[o] + shop.durationOf(o) == makespan) {
        last = o;
      }
    }
    int length = 0;
    int o = last;
    while (o >= 0) {
      path[length++] = o;
      int next = -1;
      int mp = machinePredecessor[o];
      if (mp >= 0 && head[mp] + shop.durationOf(mp) == head[o]) {
        next = mp;
      } else {
        for (int p : shop.jobPredecessors(o)) {
          if (head[p] + shop.durationOf(p) == head[o]) {
            next = p;
            break;
          }
        }
      }
      o = next;
    }
    for (int i = 0, j = length - 1; i < j; i++, j--) {
      int t = path[i];
      path[i] = path[j];
      path[j] = t;
    }
    return length;
  }

  /** The start times as a schedule. */
  Schedule toSchedule() {
    return new Schedule(shop, head);
  }

  /** The operations of each machine in sequence order. */
  int[][] sequences() {
    int[][] sequences = new int[shop.machineCount()][];
    for (int m = 0; m < sequences.length; m++) {
      sequences[m] = new int[shop.operationsOfMachine(m).length];
      int i = 0;
      for (int o = firstOnMachine[m]; o >= 0; o = machineSuccessor[o]) {
        sequences[m][i++] = o;
      }
    }
    return sequences;
  }
}
