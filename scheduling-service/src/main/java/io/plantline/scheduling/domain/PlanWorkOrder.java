package io.plantline.scheduling.domain;

import io.plantline.contracts.Checks;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.UUID;

/**
 * Plans a work order into a maintenance window, or moves it to another one (REST only, so not a
 * Kafka contract). Allowed while the order is OPEN or ASSIGNED; the latest plan counts.
 *
 * @param commandId unique id of the command, for idempotency
 * @param workOrderId the work order
 * @param plannedStart when the work is planned to start
 * @param plannedEnd when the work is planned to be done, after {@code plannedStart}
 * @param issuedAt when the plan was made
 */
public record PlanWorkOrder(
    UUID commandId,
    String workOrderId,
    Instant plannedStart,
    Instant plannedEnd,
    Instant issuedAt) {

  /** Validates every component; failures name the field. */
  public PlanWorkOrder {
    Checks.present("commandId", commandId);
    Ids.require("workOrderId", workOrderId);
    Checks.present("plannedStart", plannedStart);
    Checks.present("plannedEnd", plannedEnd);
    if (!plannedEnd.isAfter(plannedStart)) {
      throw new ContractViolationException("plannedEnd", "must be after plannedStart");
    }
    Checks.present("issuedAt", issuedAt);
  }
}
