package io.plantline.contracts.workorder;

import io.plantline.contracts.Checks;
import io.plantline.contracts.ContractViolationException;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A work order was opened; always the first event of a work order, so {@code version} is 1.
 *
 * @param eventId unique id of the event
 * @param schemaVersion schema version, one of {@link WorkOrderEvent#SUPPORTED_SCHEMA_VERSIONS}
 * @param workOrderId the new work order
 * @param assetId the asset (device) to maintain
 * @param version always 1
 * @param occurredAt when the work order was opened
 * @param commandId the {@link OpenWorkOrder} command that opened it
 * @param siteId site of the asset
 * @param priority how soon the work is due
 * @param alarmId the alarm that caused the work order, or null
 * @param ruleId the rule behind that alarm, or null; required when {@code alarmId} is set
 * @param reason what is to be done and why
 * @param evidence figures behind the alarm (for example {@code temperature.max}), sorted by key;
 *     empty for a work order opened by hand and in schema version 1
 */
public record WorkOrderOpened(
    UUID eventId,
    int schemaVersion,
    String workOrderId,
    String assetId,
    long version,
    Instant occurredAt,
    UUID commandId,
    String siteId,
    WorkOrderPriority priority,
    String alarmId,
    String ruleId,
    String reason,
    Map<String, Double> evidence)
    implements WorkOrderEvent {

  /** Validates every component and copies {@code evidence}; failures name the field. */
  public WorkOrderOpened {
    WorkOrderChecks.event(
        eventId, schemaVersion, workOrderId, assetId, version, occurredAt, commandId);
    if (version != 1) {
      throw new ContractViolationException("version", "must be 1 for the opening event");
    }
    Ids.require("siteId", siteId);
    Checks.present("priority", priority);
    WorkOrderChecks.alarmOrigin(alarmId, ruleId);
    Checks.text("reason", reason);
    evidence = WorkOrderChecks.evidence(schemaVersion, evidence);
  }
}
