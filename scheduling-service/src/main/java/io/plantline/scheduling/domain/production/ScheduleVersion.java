package io.plantline.scheduling.domain.production;

import java.time.Instant;

/**
 * One version of a production schedule: the first is what the planner asked for, each later one
 * re-plans the previous after a disruption.
 *
 * @param scheduleId the schedule
 * @param version 1, 2, ...
 * @param status where it is
 * @param request what is scheduled (disruptions so far included as downtimes)
 * @param disruption what caused this version, or null for the first
 * @param result the schedule when DONE, else null
 * @param error why it FAILED, else null
 * @param createdAt when the version was asked for
 * @param finishedAt when it was DONE or FAILED, else null
 */
public record ScheduleVersion(
    String scheduleId,
    int version,
    ScheduleStatus status,
    ProductionRequest request,
    Disruption disruption,
    ScheduleResult result,
    String error,
    Instant createdAt,
    Instant finishedAt) {}
