package io.plantline.contracts.workorder;

import io.plantline.contracts.Checks;
import java.time.Instant;
import java.util.UUID;

/**
 * A work order was completed.
 *
 * @param eventId unique id of the event
 * @param schemaVersion schema version, one of {@link WorkOrderEvent#SUPPORTED_SCHEMA_VERSIONS}
 * @param workOrderId the work order
 * @param assetId the asset (device) of the work order
 * @param version the work order's version after this event
 * @param occurredAt when the work was completed
 * @param commandId the command that caused the event
 * @param notes what was done, or null
 */
public record WorkOrderCompleted(
    UUID eventId,
    int schemaVersion,
    String workOrderId,
    String assetId,
    long version,
    Instant occurredAt,
    UUID commandId,
    String notes)
    implements WorkOrderEvent {

  /** Validates every component; {@code notes} may be null but not blank. */
  public WorkOrderCompleted {
    WorkOrderChecks.event(
        eventId, schemaVersion, workOrderId, assetId, version, occurredAt, commandId);
    Checks.optionalText("notes", notes);
  }
}
