package io.plantline.scheduling.domain.jobshop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job-shop problem: jobs made of operations, each on one machine for a fixed duration, in an
 * order given by precedence within the job (a chain by default, any acyclic order if given).
 * Machines do one operation at a time and may be unavailable in windows. Times are whole units (the
 * service uses seconds from the horizon start; the classic instances have no unit).
 *
 * <p>Operations are numbered 0..{@link #operationCount()}-1 job after job, so solvers work on int
 * arrays. Instances are immutable and validated when built.
 */
public final class JobShop {
  private final String name;
  private final String[] jobIds;
  private final String[] machineIds;
  private final String[] operationIds;
  private final int[] jobOf;
  private final int[] machineOf;
  private final int[] durationOf;
  private final int[] releaseOf;
  private final int[][] jobPredecessors;
  private final int[][] jobSuccessors;
  private final int[][] operationsOfJob;
  private final int[][] operationsOfMachine;
  private final MachineCalendar[] calendars;
  private final boolean hasTimeConstraints;

  private JobShop(Builder builder, int[][] predecessors) {
    this.name = builder.name;
    int operations = builder.operations.size();
    this.jobIds = builder.jobs.stream().map(JobSpec::id).toArray(String[]::new);
    this.machineIds = builder.machineIds.toArray(String[]::new);
    this.operationIds = new String[operations];
    this.jobOf = new int[operations];
    this.machineOf = new int[operations];
    this.durationOf = new int[operations];
    this.releaseOf = new int[operations];
    this.jobPredecessors = predecessors;
    this.operationsOfJob = new int[jobIds.length][];
    for (int o = 0; o < operations; o++) {
      OperationSpec spec = builder.operations.get(o);
      operationIds[o] = spec.id();
      jobOf[o] = builder.jobOfOperation.get(o);
      machineOf[o] = builder.machineIndex.get(spec.machineId());
      durationOf[o] = spec.duration();
      releaseOf[o] = Math.max(builder.jobs.get(jobOf[o]).release(), spec.notBefore());
    }
    int first = 0;
    for (int j = 0; j < jobIds.length; j++) {
      int count = builder.jobs.get(j).operations().size();
      operationsOfJob[j] = new int[count];
      for (int k = 0; k < count; k++) {
        operationsOfJob[j][k] = first + k;
      }
      first += count;
    }
    this.jobSuccessors = invert(predecessors);
    this.operationsOfMachine = new int[machineIds.length][];
    int[] perMachine = new int[machineIds.length];
    for (int o = 0; o < operations; o++) {
      perMachine[machineOf[o]]++;
    }
    for (int m = 0; m < machineIds.length; m++) {
      operationsOfMachine[m] = new int[perMachine[m]];
      perMachine[m] = 0;
    }
    for (int o = 0; o < operations; o++) {
      operationsOfMachine[machineOf[o]][perMachine[machineOf[o]]++] = o;
    }
    this.calendars = new MachineCalendar[machineIds.length];
    boolean constrained = false;
    for (int m = 0; m < machineIds.length; m++) {
      calendars[m] = MachineCalendar.of(builder.windows.get(m));
      constrained |= calendars[m].hasWindows();
    }
    for (int o = 0; o < operations; o++) {
      constrained |= releaseOf[o] > 0;
    }
    this.hasTimeConstraints = constrained;
  }

  /** Starts a problem with the given name (used in reports only). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * One operation of a job as given by a user or an instance file.
   *
   * @param id unique within its job
   * @param machineId the machine that does it
   * @param duration processing time, at least 0
   * @param after ids of operations of the same job that must end before it starts; {@code null}
   *     means the previous operation in the job's list (the usual chain)
   * @param notBefore earliest start of this operation besides its job's release (rescheduling sets
   *     it when a predecessor already ran)
   */
  public record OperationSpec(
      String id, String machineId, int duration, List<String> after, int notBefore) {
    /** An operation with no earliest start of its own. */
    public OperationSpec(String id, String machineId, int duration, List<String> after) {
      this(id, machineId, duration, after, 0);
    }
  }

  /** A job: operations in their listed order, and the earliest time it may start. */
  public record JobSpec(String id, int release, List<OperationSpec> operations) {}

  /** Collects machines and jobs, then validates them all at once in {@link #build()}. */
  public static final class Builder {
    private final String name;
    private final List<String> machineIds = new ArrayList<>();
    private final Map<String, Integer> machineIndex = new HashMap<>();
    private final List<List<MachineCalendar.Window>> windows = new ArrayList<>();
    private final List<JobSpec> jobs = new ArrayList<>();
    private final List<OperationSpec> operations = new ArrayList<>();
    private final List<Integer> jobOfOperation = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /** Declares a machine and the windows when it cannot work. */
    public Builder machine(String id, List<MachineCalendar.Window> unavailable) {
      if (id == null || id.isBlank()) {
        throw new InvalidJobShopException("machine " + (machineIds.size() + 1) + ": id is missing");
      }
      if (machineIndex.putIfAbsent(id, machineIds.size()) != null) {
        throw new InvalidJobShopException("machine " + id + " is declared twice");
      }
      machineIds.add(id);
      windows.add(List.copyOf(unavailable));
      return this;
    }

    /** Adds windows to a declared machine. */
    public Builder unavailable(String machineId, MachineCalendar.Window window) {
      Integer m = machineIndex.get(machineId);
      if (m == null) {
        throw new InvalidJobShopException("unknown machine " + machineId);
      }
      List<MachineCalendar.Window> list = new ArrayList<>(windows.get(m));
      list.add(window);
      windows.set(m, list);
      return this;
    }

    /** Adds a job; it is checked in {@link #build()}. */
    public Builder job(JobSpec job) {
      int index = jobs.size();
      jobs.add(job);
      if (job.operations() != null) {
        for (OperationSpec operation : job.operations()) {
          operations.add(operation);
          jobOfOperation.add(index);
        }
      }
      return this;
    }

    /** Validates everything and returns the problem, or names the first thing that is wrong. */
    public JobShop build() {
      if (machineIds.isEmpty()) {
        throw new InvalidJobShopException("no machines");
      }
      if (jobs.isEmpty()) {
        throw new InvalidJobShopException("no jobs");
      }
      Set<String> jobNames = new HashSet<>();
      int[][] predecessors = new int[operations.size()][];
      int first = 0;
      for (JobSpec job : jobs) {
        String jobId = job.id();
        if (jobId == null || jobId.isBlank()) {
          throw new InvalidJobShopException("job " + (jobNames.size() + 1) + ": id is missing");
        }
        if (!jobNames.add(jobId)) {
          throw new InvalidJobShopException("job " + jobId + " is given twice");
        }
        if (job.operations() == null || job.operations().isEmpty()) {
          throw new InvalidJobShopException("job " + jobId + " has no operations");
        }
        if (job.release() < 0) {
          throw new InvalidJobShopException("job " + jobId + ": release must not be negative");
        }
        checkOperations(job, first, predecessors);
        first += job.operations().size();
      }
      return new JobShop(this, predecessors);
    }

    private void checkOperations(JobSpec job, int first, int[][] predecessors) {
      Map<String, Integer> index = new HashMap<>();
      List<OperationSpec> list = job.operations();
      for (int k = 0; k < list.size(); k++) {
        OperationSpec op = list.get(k);
        String where = "job " + job.id() + ", operation " + (op.id() == null ? k + 1 : op.id());
        if (op.id() == null || op.id().isBlank()) {
          throw new InvalidJobShopException(where + ": id is missing");
        }
        if (index.putIfAbsent(op.id(), first + k) != null) {
          throw new InvalidJobShopException(where + ": id is used twice in the job");
        }
        if (!machineIndex.containsKey(op.machineId())) {
          throw new InvalidJobShopException(where + ": unknown machine " + op.machineId());
        }
        if (op.duration() < 0) {
          throw new InvalidJobShopException(where + ": duration must not be negative");
        }
        if (op.notBefore() < 0) {
          throw new InvalidJobShopException(where + ": notBefore must not be negative");
        }
      }
      for (int k = 0; k < list.size(); k++) {
        OperationSpec op = list.get(k);
        if (op.after() == null) {
          predecessors[first + k] = k == 0 ? new int[0] : new int[] {first + k - 1};
          continue;
        }
        int[] preds = new int[op.after().size()];
        for (int p = 0; p < preds.length; p++) {
          Integer pred = index.get(op.after().get(p));
          if (pred == null) {
            throw new InvalidJobShopException(
                "job "
                    + job.id()
                    + ", operation "
                    + op.id()
                    + ": comes after "
                    + op.after().get(p)
                    + ", which is not an operation of the job");
          }
          preds[p] = pred;
        }
        predecessors[first + k] = Arrays.stream(preds).distinct().toArray();
      }
      requireAcyclic(job, first, predecessors);
    }

    private static void requireAcyclic(JobSpec job, int first, int[][] predecessors) {
      int count = job.operations().size();
      int[] missing = new int[count];
      List<List<Integer>> successors = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        successors.add(new ArrayList<>());
      }
      for (int k = 0; k < count; k++) {
        missing[k] = predecessors[first + k].length;
        for (int pred : predecessors[first + k]) {
          successors.get(pred - first).add(k);
        }
      }
      ArrayDeque<Integer> ready = new ArrayDeque<>();
      for (int k = 0; k < count; k++) {
        if (missing[k] == 0) {
          ready.add(k);
        }
      }
      int seen = 0;
      while (!ready.isEmpty()) {
        int k = ready.poll();
        seen++;
        for (int next : successors.get(k)) {
          if (--missing[next] == 0) {
            ready.add(next);
          }
        }
      }
      if (seen < count) {
        List<String> inCycle = new ArrayList<>();
        for (int k = 0; k < count; k++) {
          if (missing[k] > 0) {
            inCycle.add(job.operations().get(k).id());
          }
        }
        throw new InvalidJobShopException(
            "job " + job.id() + ": cyclic precedence among operations " + inCycle);
      }
    }
  }

  private static int[][] invert(int[][] predecessors) {
    int[] counts = new int[predecessors.length];
    for (int[] preds : predecessors) {
      for (int p : preds) {
        counts[p]++;
      }
    }
    int[][] successors = new int[predecessors.length][];
    for (int o = 0; o < predecessors.length; o++) {
      successors[o] = new int[counts[o]];
      counts[o] = 0;
    }
    for (int o = 0; o < predecessors.length; o++) {
      for (int p : predecessors[o]) {
        successors[p][counts[p]++] = o;
      }
    }
    return successors;
  }

  /** The problem's name. */
  public String name() {
    return name;
  }

  /** Number of operations over all jobs. */
  public int operationCount() {
    return operationIds.length;
  }

  /** Number of jobs. */
  public int jobCount() {
    return jobIds.length;
  }

  /** Number of machines. */
  public int machineCount() {
    return machineIds.length;
  }

  /** The id of job {@code j}. */
  public String jobId(int j) {
    return jobIds[j];
  }

  /** The id of machine {@code m}. */
  public String machineId(int m) {
    return machineIds[m];
  }

  /** The id of operation {@code o} within its job. */
  public String operationId(int o) {
    return operationIds[o];
  }

  /** The job of operation {@code o}. */
  public int jobOf(int o) {
    return jobOf[o];
  }

  /** The machine of operation {@code o}. */
  public int machineOf(int o) {
    return machineOf[o];
  }

  /** The duration of operation {@code o}. */
  public int durationOf(int o) {
    return durationOf[o];
  }

  /** The earliest start of operation {@code o} (its job's release). */
  public int releaseOf(int o) {
    return releaseOf[o];
  }

  /** Operations of the same job that must end before {@code o} starts. Do not modify. */
  int[] jobPredecessors(int o) {
    return jobPredecessors[o];
  }

  /** Operations of the same job that wait for {@code o}. Do not modify. */
  int[] jobSuccessors(int o) {
    return jobSuccessors[o];
  }

  /** The operations of job {@code j} in their listed order. Do not modify. */
  int[] operationsOfJob(int j) {
    return operationsOfJob[j];
  }

  /** The operations done by machine {@code m}. Do not modify. */
  int[] operationsOfMachine(int m) {
    return operationsOfMachine[m];
  }

  /** The unavailability of machine {@code m}. */
  public MachineCalendar calendar(int m) {
    return calendars[m];
  }

  /** Whether any machine has windows or any job a release after 0. */
  boolean hasTimeConstraints() {
    return hasTimeConstraints;
  }

  /**
   * A lower bound on the makespan: the longest job path from its release, and the busiest machine
   * from its earliest possible start. Windows only delay work, so it stays a bound with them.
   */
  public int lowerBound() {
    int bound = 0;
    int[] ready = new int[operationCount()];
    for (int o = 0; o < operationCount(); o++) {
      // Operations are numbered in listed order, but a predecessor may be listed later.
      ready[o] = -1;
    }
    for (int o = 0; o < operationCount(); o++) {
      bound = Math.max(bound, headOf(o, ready) + durationOf[o]);
    }
    for (int m = 0; m < machineCount(); m++) {
      int earliest = Integer.MAX_VALUE;
      long load = 0;
      for (int o : operationsOfMachine[m]) {
        earliest = Math.min(earliest, headOf(o, ready));
        load += durationOf[o];
      }
      if (operationsOfMachine[m].length > 0) {
        bound = (int) Math.max(bound, Math.min(Integer.MAX_VALUE, earliest + load));
      }
    }
    return bound;
  }

  private int headOf(int o, int[] memo) {
    if (memo[o] >= 0) {
      return memo[o];
    }
    int head = releaseOf[o];
    for (int p : jobPredecessors[o]) {
      head = Math.max(head, headOf(p, memo) + durationOf[p]);
    }
    memo[o] = head;
    return head;
  }

  @Override
  public String toString() {
    return name
        + " ("
        + jobCount()
        + " jobs, "
        + machineCount()
        + " machines, "
        + operationCount()
        + " operations)";
  }
}
