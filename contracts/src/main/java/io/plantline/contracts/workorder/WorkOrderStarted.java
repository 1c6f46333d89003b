package io.plantline.contracts.workorder;

import java.time.Instant;
import java.util.UUID;

/**
 * Work on a work order started.
 *
 * @param eventId unique id of the event
 * @param schemaVersion schema version, one of {@link WorkOrderEvent#SUPPORTED_SCHEMA_VERSIONS}
 * @param workOrderId the work order
 * @param assetId the asset (device) of the work order
 * @param version the work order's version after this event
 * @param occurredAt when the work started
 * @param commandId the command that caused the event
 */
public record WorkOrderStarted(
    UUID eventId,
    int schemaVersion,
    String workOrderId,
    String assetId,
    long version,
    Instant occurredAt,
    UUID commandId)
    implements WorkOrderEvent {

  /** Validates every component; failures name the field. */
  public WorkOrderStarted {
    WorkOrderChecks.event(
        eventId, schemaVersion, workOrderId, assetId, version, occurredAt, commandId);
  }
}
