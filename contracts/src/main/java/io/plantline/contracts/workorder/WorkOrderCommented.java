package io.plantline.contracts.workorder;

import io.plantline.contracts.Checks;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.UUID;

/**
 * Someone added a note to a work order.
 *
 * @param eventId unique id of the event
 * @param schemaVersion schema version, one of {@link WorkOrderEvent#SUPPORTED_SCHEMA_VERSIONS}
 * @param workOrderId the work order
 * @param assetId the asset (device) of the work order
 * @param version the work order's version after this event
 * @param occurredAt when the note was added
 * @param commandId the command that caused the event
 * @param author user id of who wrote the note
 * @param text the note
 */
public record WorkOrderCommented(
    UUID eventId,
    int schemaVersion,
    String workOrderId,
    String assetId,
    long version,
    Instant occurredAt,
    UUID commandId,
    String author,
    String text)
    implements WorkOrderEvent {

  /** Validates every component; failures name the field. */
  public WorkOrderCommented {
    WorkOrderChecks.event(
        eventId, schemaVersion, workOrderId, assetId, version, occurredAt, commandId);
    Ids.require("author", author);
    Checks.text("text", text);
  }
}
