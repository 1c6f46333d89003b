package io.plantline.scheduling.domain.production;

import io.plantline.scheduling.domain.jobshop.InvalidJobShopException;
import io.plantline.scheduling.domain.jobshop.JobShop;
import io.plantline.scheduling.domain.jobshop.MachineCalendar;
import io.plantline.scheduling.domain.jobshop.MemeticScheduler;
import io.plantline.scheduling.domain.jobshop.SolverResult;
import io.plantline.scheduling.domain.jobshop.SolverSettings;
import io.plantline.scheduling.domain.production.ProductionRequest.Downtime;
import io.plantline.scheduling.domain.production.ScheduleResult.JobCompletion;
import io.plantline.scheduling.domain.production.ScheduleResult.MachineDowntime;
import io.plantline.scheduling.domain.production.ScheduleResult.PlannedOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns production requests into schedules with the memetic GA, in seconds from the horizon start,
 * around the machines' downtimes and the maintenance planned in work orders.
 *
 * <p>Re-planning after a disruption keeps what has already happened: operations that ended by the
 * disruption, and operations running on other machines, stay as they were ({@code fixed}); an
 * operation running on the machine that stopped is run again in full later (operations are not
 * resumable); everything else is scheduled anew from the disruption on.
 */
public final class ProductionPlanner {
  private final MaintenanceWindows maintenance;
  private final int threads;

  /**
   * A planner.
   *
   * @param maintenance planned maintenance to work around
   * @param threads solver threads
   */
  public ProductionPlanner(MaintenanceWindows maintenance, int threads) {
    this.maintenance = maintenance;
    this.threads = threads;
  }

  /** Checks a request against the job-shop model without solving it; throws naming the problem. */
  public static void validate(ProductionRequest request) {
    new Problem(request, List.of(), request.horizonStart(), List.of()).build();
  }

  /** Schedules a request from its horizon start. */
  public ScheduleResult plan(ProductionRequest request) {
    return solve(request, List.of(), request.horizonStart());
  }

  /**
   * Re-plans after a disruption: {@code request} already holds the disruption as a downtime; {@code
   * previous} is the schedule that was running.
   */
  public ScheduleResult replan(
      ProductionRequest request, ScheduleResult previous, Disruption disruption) {
    Instant from =
        disruption.from().isBefore(request.horizonStart())
            ? request.horizonStart()
            : disruption.from();
    List<PlannedOperation> fixed = new ArrayList<>();
    for (PlannedOperation op : previous.operations()) {
      boolean done = !op.end().isAfter(from);
      boolean runningElsewhere =
          op.start().isBefore(from) && !op.machine().equals(disruption.machine());
      if (done || runningElsewhere) {
        fixed.add(
            new PlannedOperation(
                op.job(), op.operation(), op.machine(), op.start(), op.end(), true));
      }
    }
    return solve(request, fixed, from);
  }

  private ScheduleResult solve(
      ProductionRequest request, List<PlannedOperation> fixed, Instant from) {
    List<MachineDowntime> downtimes = downtimes(request);
    Problem problem = new Problem(request, fixed, from, downtimes);
    JobShop shop = problem.build();
    List<PlannedOperation> operations = new ArrayList<>(fixed);
    Duration elapsed = Duration.ZERO;
    int generations = 0;
    boolean optimal = true;
    int lowerBound = 0;
    if (shop != null) {
      SolverResult solved =
          new MemeticScheduler(
                  SolverSettings.defaults(request.seed(), request.timeBudget())
                      .withThreads(threads))
              .solve(shop);
      for (int o = 0; o < shop.operationCount(); o++) {
        Instant start = problem.instant(solved.schedule().startOf(o));
        operations.add(
            new PlannedOperation(
                shop.jobId(shop.jobOf(o)),
                shop.operationId(o),
                shop.machineId(shop.machineOf(o)),
                start,
                start.plusSeconds(shop.durationOf(o)),
                false));
      }
      elapsed = solved.elapsed();
      generations = solved.generations();
      optimal = solved.provenOptimal();
      lowerBound = solved.lowerBound();
    }
    operations.sort(
        Comparator.comparing(PlannedOperation::start)
            .thenComparing(PlannedOperation::machine)
            .thenComparing(PlannedOperation::job));
    Instant end = request.horizonStart();
    Map<String, Instant> jobEnds = new HashMap<>();
    for (PlannedOperation op : operations) {
      end = op.end().isAfter(end) ? op.end() : end;
      jobEnds.merge(op.job(), op.end(), (a, b) -> a.isAfter(b) ? a : b);
    }
    List<JobCompletion> jobs = new ArrayList<>();
    for (ProductionRequest.Job job : request.jobs()) {
      Instant jobEnd = jobEnds.get(job.id());
      Duration lateness =
          job.due() == null
              ? null
              : jobEnd.isAfter(job.due()) ? Duration.between(job.due(), jobEnd) : Duration.ZERO;
      jobs.add(new JobCompletion(job.id(), jobEnd, job.due(), lateness));
    }
    return new ScheduleResult(
        operations,
        jobs,
        downtimes,
        end,
        Duration.between(request.horizonStart(), end),
        Duration.between(request.horizonStart(), problem.instant(lowerBound)),
        !end.isAfter(request.horizonEnd()),
        new ScheduleResult.SolverRun(generations, elapsed, optimal));
  }

  /** The request's downtimes and the planned maintenance, without repeats, in time order. */
  private List<MachineDowntime> downtimes(ProductionRequest request) {
    Set<MachineDowntime> all = new LinkedHashSet<>();
    for (ProductionRequest.Machine machine : request.machines()) {
      for (Downtime d : machine.unavailable()) {
        all.add(new MachineDowntime(machine.id(), d.from(), d.to(), d.reason()));
      }
      for (Downtime d :
          maintenance.planned(machine.id(), request.horizonStart(), request.horizonEnd())) {
        all.add(new MachineDowntime(machine.id(), d.from(), d.to(), d.reason()));
      }
    }
    return all.stream()
        .sorted(Comparator.comparing(MachineDowntime::from).thenComparing(MachineDowntime::machine))
        .toList();
  }

  /**
   * The job-shop problem of the operations still to schedule, in seconds from the horizon start.
   */
  private static final class Problem {
    private final ProductionRequest request;
    private final Map<String, PlannedOperation> fixed = new HashMap<>();
    private final int from;
    private final List<MachineDowntime> downtimes;

    Problem(
        ProductionRequest request,
        List<PlannedOperation> fixed,
        Instant from,
        List<MachineDowntime> downtimes) {
      this.request = request;
      for (PlannedOperation op : fixed) {
        this.fixed.put(op.job() + "\u0000" + op.operation(), op);
      }
      this.from = seconds(from);
      this.downtimes = downtimes;
    }

    /** The problem, or null when every operation is fixed. */
    JobShop build() {
      JobShop.Builder builder = JobShop.builder(request.name());
      for (ProductionRequest.Machine machine : request.machines()) {
        List<MachineCalendar.Window> windows = new ArrayList<>();
        for (MachineDowntime d : downtimes) {
          if (d.machine().equals(machine.id())) {
            window(d.from(), d.to()).ifPresent(windows::add);
          }
        }
        for (PlannedOperation op : fixed.values()) {
          if (op.machine().equals(machine.id())) {
            window(op.start(), op.end()).ifPresent(windows::add);
          }
        }
        builder.machine(machine.id(), windows);
      }
      int jobs = 0;
      for (ProductionRequest.Job job : request.jobs()) {
        List<JobShop.OperationSpec> free = freeOperations(job);
        if (free.isEmpty() && !job.operations().isEmpty()) {
          continue; // everything of this job already ran
        }
        builder.job(
            new JobShop.JobSpec(
                job.id(), job.release() == null ? 0 : seconds(job.release()), free));
        jobs++;
      }
      return jobs == 0 ? null : builder.build();
    }

    private List<JobShop.OperationSpec> freeOperations(ProductionRequest.Job job) {
      List<JobShop.OperationSpec> free = new ArrayList<>();
      List<ProductionRequest.Operation> ops = job.operations();
      for (int k = 0; k < ops.size(); k++) {
        ProductionRequest.Operation op = ops.get(k);
        if (fixed.containsKey(job.id() + "\u0000" + op.id())) {
          continue;
        }
        List<String> after =
            op.after() != null ? op.after() : k == 0 ? List.of() : List.of(ops.get(k - 1).id());
        List<String> freeAfter = new ArrayList<>();
        int notBefore = from;
        for (String predecessor : after) {
          PlannedOperation done = fixed.get(job.id() + "\u0000" + predecessor);
          if (done == null) {
            freeAfter.add(predecessor);
          } else {
            notBefore = Math.max(notBefore, seconds(done.end()));
          }
        }
        if (op.duration().getSeconds() > Integer.MAX_VALUE / 4) {
          throw new InvalidJobShopException("operation " + op.id() + ": duration too long");
        }
        free.add(
            new JobShop.OperationSpec(
                op.id(), op.machine(), (int) op.duration().getSeconds(), freeAfter, notBefore));
      }
      return free;
    }

    private java.util.Optional<MachineCalendar.Window> window(Instant start, Instant end) {
      int a = seconds(start);
      int b = seconds(end);
      return b > a
          ? java.util.Optional.of(new MachineCalendar.Window(a, b))
          : java.util.Optional.empty();
    }

    /**
     * Seconds from the horizon start, clamped to the model's range (before the start counts as 0).
     */
    private int seconds(Instant instant) {
      long s = Duration.between(request.horizonStart(), instant).getSeconds();
      return (int) Math.max(0, Math.min(Integer.MAX_VALUE / 2, s));
    }

    Instant instant(int seconds) {
      return request.horizonStart().plusSeconds(seconds);
    }
  }
}
