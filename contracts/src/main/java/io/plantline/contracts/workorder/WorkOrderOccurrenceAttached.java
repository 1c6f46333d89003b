package io.plantline.contracts.workorder;

import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.UUID;

/**
 * A repeated alarm of the same asset and rule arrived while the work order was still open, and was
 * attached to it instead of opening a new work order.
 *
 * @param eventId unique id of the event
 * @param schemaVersion schema version, one of {@link WorkOrderEvent#SUPPORTED_SCHEMA_VERSIONS}
 * @param workOrderId the work order the alarm was attached to
 * @param assetId the asset (device) of the work order
 * @param version the work order's version after this event
 * @param occurredAt when the repeated alarm was raised (the order's "last seen")
 * @param commandId the {@link OpenWorkOrder} command of the repeated alarm
 * @param alarmId the repeated alarm
 * @param occurrences how many alarms the work order now stands for, 2 or more
 */
public record WorkOrderOccurrenceAttached(
    UUID eventId,
    int schemaVersion,
    String workOrderId,
    String assetId,
    long version,
    Instant occurredAt,
    UUID commandId,
    String alarmId,
    int occurrences)
    implements WorkOrderEvent {

  /** Validates every component; failures name the field. */
  public WorkOrderOccurrenceAttached {
    WorkOrderChecks.event(
        eventId, schemaVersion, workOrderId, assetId, version, occurredAt, commandId);
    Ids.require("alarmId", alarmId);
    if (occurrences < 2) {
      throw new ContractViolationException("occurrences", "must be 2 or more");
    }
  }
}
