package io.plantline.scheduling.domain.production;

import io.plantline.scheduling.domain.jobshop.InvalidJobShopException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a planner asks to schedule: machines (with the times they cannot work), jobs made of
 * operations, and the horizon to schedule in. Times are instants; durations are whole seconds.
 *
 * @param name what the planner calls it ("week 48, line 2")
 * @param horizonStart no operation starts before this
 * @param horizonEnd when the plan should be done; a longer schedule is reported, not refused
 * @param machines the machines, by the asset id the plant uses for them
 * @param jobs the jobs
 * @param timeBudget how long the solver may search
 * @param seed the solver's seed
 */
public record ProductionRequest(
    String name,
    Instant horizonStart,
    Instant horizonEnd,
    List<Machine> machines,
    List<Job> jobs,
    Duration timeBudget,
    long seed) {

  /** The most operations one request may hold. */
  public static final int MAX_OPERATIONS = 20_000;

  /** The longest a solver may be given. */
  public static final Duration MAX_TIME_BUDGET = Duration.ofMinutes(5);

  /** Checks what the job-shop model does not: the horizon, the budget and the sizes. */
  public ProductionRequest {
    if (name == null || name.isBlank()) {
      throw new InvalidJobShopException("name is missing");
    }
    if (horizonStart == null || horizonEnd == null || !horizonEnd.isAfter(horizonStart)) {
      throw new InvalidJobShopException("horizon: end must be after start");
    }
    if (Duration.between(horizonStart, horizonEnd).getSeconds() > Integer.MAX_VALUE / 4) {
      throw new InvalidJobShopException("horizon: longer than 15 years");
    }
    if (timeBudget == null
        || timeBudget.isNegative()
        || timeBudget.isZero()
        || timeBudget.compareTo(MAX_TIME_BUDGET) > 0) {
      throw new InvalidJobShopException("timeBudget: must be between 1 ms and " + MAX_TIME_BUDGET);
    }
    machines = List.copyOf(machines);
    jobs = List.copyOf(jobs);
    long operations =
        jobs.stream().mapToLong(j -> j.operations() == null ? 0 : j.operations().size()).sum();
    if (operations > MAX_OPERATIONS) {
      throw new InvalidJobShopException(
          operations + " operations, at most " + MAX_OPERATIONS + " per request");
    }
  }

  /**
   * A machine.
   *
   * @param id the plant's asset id (the same as in work orders, so maintenance finds it)
   * @param unavailable when it cannot work
   */
  public record Machine(String id, List<Downtime> unavailable) {
    /** Copies the list. */
    public Machine {
      unavailable = List.copyOf(unavailable);
    }

    /** The same machine with one more downtime. */
    public Machine with(Downtime downtime) {
      List<Downtime> all = new java.util.ArrayList<>(unavailable);
      all.add(downtime);
      return new Machine(id, all);
    }
  }

  /**
   * A time a machine cannot work.
   *
   * @param from start, inclusive
   * @param to end, exclusive, after {@code from}
   * @param reason why (shown in the result)
   */
  public record Downtime(Instant from, Instant to, String reason) {
    /** Rejects an empty or reversed downtime. */
    public Downtime {
      if (from == null || to == null || !to.isAfter(from)) {
        throw new InvalidJobShopException("downtime '" + reason + "': to must be after from");
      }
    }
  }

  /**
   * A job.
   *
   * @param id unique in the request
   * @param release earliest start, or null for the horizon start
   * @param due when it should be done, or null; lateness is reported against it
   * @param operations in processing order unless they name their predecessors
   */
  public record Job(String id, Instant release, Instant due, List<Operation> operations) {
    /** Copies the list. */
    public Job {
      operations = operations == null ? List.of() : List.copyOf(operations);
    }
  }

  /**
   * An operation.
   *
   * @param id unique in its job
   * @param machine the machine's id
   * @param duration how long it runs, whole seconds
   * @param after ids of operations of the same job it waits for; null for the previous one
   */
  public record Operation(String id, String machine, Duration duration, List<String> after) {
    /** Rejects a negative duration or fractions of a second. */
    public Operation {
      if (duration == null || duration.isNegative()) {
        throw new InvalidJobShopException("operation " + id + ": duration must not be negative");
      }
      if (duration.getNano() != 0 || duration.getSeconds() > Integer.MAX_VALUE / 4) {
        throw new InvalidJobShopException(
            "operation " + id + ": duration must be whole seconds, at most 15 years");
      }
      after = after == null ? null : List.copyOf(after);
    }
  }

  /** The same request with a machine's downtime added. */
  public ProductionRequest withDowntime(String machineId, Downtime downtime) {
    List<Machine> next =
        machines.stream().map(m -> m.id().equals(machineId) ? m.with(downtime) : m).toList();
    return new ProductionRequest(name, horizonStart, horizonEnd, next, jobs, timeBudget, seed);
  }

  /** Whether a machine of this id is in the request. */
  public boolean usesMachine(String machineId) {
    return machines.stream().anyMatch(m -> m.id().equals(machineId));
  }
}
