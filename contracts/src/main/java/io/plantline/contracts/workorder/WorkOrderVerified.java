package io.plantline.contracts.workorder;

import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.UUID;

/**
 * A completed work order was verified: the alarm that caused it has cleared (or, for a work order
 * opened by hand, someone confirmed the fix). The last event of a work order.
 *
 * @param eventId unique id of the event
 * @param schemaVersion schema version, one of {@link WorkOrderEvent#SUPPORTED_SCHEMA_VERSIONS}
 * @param workOrderId the work order
 * @param assetId the asset (device) of the work order
 * @param version the work order's version after this event
 * @param occurredAt when the alarm cleared or the fix was confirmed
 * @param commandId the command that caused the event
 * @param alarmId the cleared alarm, or null when verified by hand
 */
public record WorkOrderVerified(
    UUID eventId,
    int schemaVersion,
    String workOrderId,
    String assetId,
    long version,
    Instant occurredAt,
    UUID commandId,
    String alarmId)
    implements WorkOrderEvent {

  /** Validates every component; {@code alarmId} may be null. */
  public WorkOrderVerified {
    WorkOrderChecks.event(
        eventId, schemaVersion, workOrderId, assetId, version, occurredAt, commandId);
    if (alarmId != null) {
      Ids.require("alarmId", alarmId);
    }
  }
}
