package io.plantline.scheduling.domain.production;

import io.plantline.scheduling.domain.jobshop.InvalidJobShopException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The production-scheduling use cases: accept a request, re-plan after a disruption (reported by an
 * operator or planned maintenance), and solve a queued version. Solving is slow, so accepting and
 * solving are separate steps; whoever calls {@link #solve} decides on which thread.
 */
public final class ProductionSchedules {
  private static final int INSERT_ATTEMPTS = 5;

  private final ScheduleStore store;
  private final ProductionPlanner planner;
  private final Clock clock;

  /** Use cases over a store and a planner. */
  public ProductionSchedules(ScheduleStore store, ProductionPlanner planner, Clock clock) {
    this.store = store;
    this.planner = planner;
    this.clock = clock;
  }

  /** What asking for a re-plan led to. */
  public sealed interface ReplanOutcome {
    /** A new version is queued. */
    record Queued(ScheduleVersion version) implements ReplanOutcome {}

    /** This cause was already applied in that version. */
    record AlreadyApplied(ScheduleVersion version) implements ReplanOutcome {}

    /** No such schedule. */
    record NotFound(String scheduleId) implements ReplanOutcome {}
  }

  /**
   * Accepts a request: validates it and stores version 1 as QUEUED.
   *
   * @throws InvalidJobShopException naming what is wrong
   */
  public ScheduleVersion submit(ProductionRequest request) {
    ProductionPlanner.validate(request);
    ScheduleVersion first =
        new ScheduleVersion(
            UUID.randomUUID().toString(),
            1,
            ScheduleStatus.QUEUED,
            request,
            null,
            null,
            null,
            clock.instant(),
            null);
    if (!store.insert(first)) {
      throw new IllegalStateException("schedule id collision: " + first.scheduleId());
    }
    return first;
  }

  /**
   * Queues a re-plan of a schedule after a disruption, once per disruption key.
   *
   * @throws InvalidJobShopException when the machine is not in the schedule
   */
  public ReplanOutcome disrupt(String scheduleId, Disruption disruption) {
    for (int attempt = 0; attempt < INSERT_ATTEMPTS; attempt++) {
      List<ScheduleVersion> versions = store.versions(scheduleId);
      if (versions.isEmpty()) {
        return new ReplanOutcome.NotFound(scheduleId);
      }
      Optional<ScheduleVersion> applied =
          versions.stream()
              .filter(v -> v.disruption() != null && v.disruption().key().equals(disruption.key()))
              .findFirst();
      if (applied.isPresent()) {
        return new ReplanOutcome.AlreadyApplied(applied.get());
      }
      ScheduleVersion latest = versions.get(0);
      if (!latest.request().usesMachine(disruption.machine())) {
        throw new InvalidJobShopException(
            "machine " + disruption.machine() + " is not in schedule " + scheduleId);
      }
      ProductionRequest request =
          latest
              .request()
              .withDowntime(
                  disruption.machine(),
                  new ProductionRequest.Downtime(
                      disruption.from(), disruption.to(), disruption.reason()));
      ScheduleVersion next =
          new ScheduleVersion(
              scheduleId,
              latest.version() + 1,
              ScheduleStatus.QUEUED,
              request,
              disruption,
              null,
              null,
              clock.instant(),
              null);
      if (store.insert(next)) {
        return new ReplanOutcome.Queued(next);
      }
    }
    throw new IllegalStateException(
        "schedule " + scheduleId + " is re-planned concurrently too often");
  }

  /**
   * Maintenance was planned on a machine: every schedule that uses it and whose horizon overlaps
   * the window is re-planned (once per work-order version).
   *
   * @return the outcome per affected schedule
   */
  public List<ReplanOutcome> maintenancePlanned(
      String machineId, Instant from, Instant to, String workOrderId, long workOrderVersion) {
    List<ReplanOutcome> outcomes = new ArrayList<>();
    for (String scheduleId : store.schedulesUsing(machineId)) {
      Optional<ScheduleVersion> latest = store.latest(scheduleId);
      if (latest.isEmpty()) {
        continue;
      }
      ProductionRequest request = latest.get().request();
      boolean overlaps = from.isBefore(request.horizonEnd()) && to.isAfter(request.horizonStart());
      if (overlaps) {
        outcomes.add(
            disrupt(
                scheduleId,
                new Disruption(
                    machineId,
                    from,
                    to,
                    "maintenance planned in work order " + workOrderId,
                    "work-order " + workOrderId + " v" + workOrderVersion)));
      }
    }
    return outcomes;
  }

  /**
   * Solves a queued version (marks it SOLVING, then DONE or FAILED). A version re-plans on top of
   * the one before it when that one is DONE, else it is planned afresh.
   *
   * @return the version as stored at the end, or empty if it is unknown or not QUEUED/SOLVING
   */
  public Optional<ScheduleVersion> solve(String scheduleId, int version) {
    List<ScheduleVersion> versions = store.versions(scheduleId);
    ScheduleVersion target =
        versions.stream().filter(v -> v.version() == version).findFirst().orElse(null);
    if (target == null
        || target.status() == ScheduleStatus.DONE
        || target.status() == ScheduleStatus.FAILED) {
      return Optional.empty();
    }
    ScheduleVersion solving = with(target, ScheduleStatus.SOLVING, null, null, null);
    store.update(solving);
    Optional<ScheduleVersion> previous =
        versions.stream()
            .filter(v -> v.version() == version - 1 && v.status() == ScheduleStatus.DONE)
            .findFirst();
    ScheduleVersion finished;
    try {
      ScheduleResult result =
          target.disruption() != null && previous.isPresent()
              ? planner.replan(target.request(), previous.get().result(), target.disruption())
              : planner.plan(target.request());
      finished = with(target, ScheduleStatus.DONE, result, null, clock.instant());
    } catch (java.util.concurrent.CancellationException e) {
      throw e; // stopped, not failed: the version stays SOLVING and is solved again after a restart
    } catch (InvalidJobShopException | IllegalStateException e) {
      finished = with(target, ScheduleStatus.FAILED, null, e.getMessage(), clock.instant());
    }
    store.update(finished);
    return Optional.of(finished);
  }

  /** Marks a version FAILED without solving it (it could not be queued). */
  public void refuse(ScheduleVersion version, String reason) {
    store.update(with(version, ScheduleStatus.FAILED, null, reason, clock.instant()));
  }

  private static ScheduleVersion with(
      ScheduleVersion v,
      ScheduleStatus status,
      ScheduleResult result,
      String error,
      Instant finishedAt) {
    return new ScheduleVersion(
        v.scheduleId(),
        v.version(),
        status,
        v.request(),
        v.disruption(),
        result,
        error,
        v.createdAt(),
        finishedAt);
  }
}
