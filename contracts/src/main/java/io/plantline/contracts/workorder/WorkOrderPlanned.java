package io.plantline.contracts.workorder;

import io.plantline.contracts.ContractViolationException;
import java.time.Instant;
import java.util.UUID;

/**
 * A work order was planned into a maintenance window (or re-planned: the latest plan counts). Since
 * schema version 2.
 *
 * @param eventId unique id of the event
 * @param schemaVersion schema version, 2 or later
 * @param workOrderId the work order
 * @param assetId the asset (device) of the work order
 * @param version the work order's version after this event
 * @param occurredAt when the plan was made
 * @param commandId the command that caused the event
 * @param plannedStart when the work is planned to start
 * @param plannedEnd when the work is planned to be done, after {@code plannedStart}
 */
public record WorkOrderPlanned(
    UUID eventId,
    int schemaVersion,
    String workOrderId,
    String assetId,
    long version,
    Instant occurredAt,
    UUID commandId,
    Instant plannedStart,
    Instant plannedEnd)
    implements WorkOrderEvent {

  /** Validates every component; failures name the field. */
  public WorkOrderPlanned {
    WorkOrderChecks.event(
        eventId, schemaVersion, workOrderId, assetId, version, occurredAt, commandId);
    if (schemaVersion < 2) {
      throw new ContractViolationException("schemaVersion", "WorkOrderPlanned needs 2 or later");
    }
    WorkOrderChecks.window(plannedStart, plannedEnd);
  }
}
