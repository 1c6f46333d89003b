package io.plantline.contracts.workorder;

import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.UUID;

/**
 * A work order was assigned to a technician.
 *
 * @param eventId unique id of the event
 * @param schemaVersion schema version, one of {@link WorkOrderEvent#SUPPORTED_SCHEMA_VERSIONS}
 * @param workOrderId the work order
 * @param assetId the asset (device) of the work order
 * @param version the work order's version after this event
 * @param occurredAt when the assignment happened
 * @param commandId the command that caused the event
 * @param assignee user id of the technician
 */
public record WorkOrderAssigned(
    UUID eventId,
    int schemaVersion,
    String workOrderId,
    String assetId,
    long version,
    Instant occurredAt,
    UUID commandId,
    String assignee)
    implements WorkOrderEvent {

  /** Validates every component; failures name the field. */
  public WorkOrderAssigned {
    WorkOrderChecks.event(
        eventId, schemaVersion, workOrderId, assetId, version, occurredAt, commandId);
    Ids.require("assignee", assignee);
  }
}
