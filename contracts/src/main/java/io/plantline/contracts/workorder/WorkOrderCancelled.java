package io.plantline.contracts.workorder;

import io.plantline.contracts.Checks;
import java.time.Instant;
import java.util.UUID;

/**
 * A work order was cancelled.
 *
 * @param eventId unique id of the event
 * @param schemaVersion schema version, one of {@link WorkOrderEvent#SUPPORTED_SCHEMA_VERSIONS}
 * @param workOrderId the work order
 * @param assetId the asset (device) of the work order
 * @param version the work order's version after this event
 * @param occurredAt when the work order was cancelled
 * @param commandId the command that caused the event
 * @param reason why the work order was cancelled
 */
public record WorkOrderCancelled(
    UUID eventId,
    int schemaVersion,
    String workOrderId,
    String assetId,
    long version,
    Instant occurredAt,
    UUID commandId,
    String reason)
    implements WorkOrderEvent {

  /** Validates every component; failures name the field. */
  public WorkOrderCancelled {
    WorkOrderChecks.event(
        eventId, schemaVersion, workOrderId, assetId, version, occurredAt, commandId);
    Checks.text("reason", reason);
  }
}
