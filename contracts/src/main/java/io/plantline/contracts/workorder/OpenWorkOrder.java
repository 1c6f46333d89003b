package io.plantline.contracts.workorder;

import io.plantline.contracts.Checks;
import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Opens a work order for an asset, either from an alarm (then {@code alarmId} and {@code ruleId}
 * are set) or by hand (both null).
 *
 * @param commandId unique id of the command
 * @param schemaVersion schema version, one of {@link WorkOrderCommand#SUPPORTED_SCHEMA_VERSIONS}
 * @param workOrderId id of the new work order
 * @param siteId site of the asset
 * @param assetId the asset (device) to maintain
 * @param priority how soon the work is due
 * @param alarmId the alarm that caused the work order, or null
 * @param ruleId the rule behind that alarm, or null; required when {@code alarmId} is set
 * @param reason what is to be done and why
 * @param evidence figures behind the alarm (for example {@code temperature.max}), sorted by key;
 *     empty for a work order opened by hand and in schema version 1
 * @param issuedAt when the command was issued
 */
public record OpenWorkOrder(
    UUID commandId,
    int schemaVersion,
    String workOrderId,
    String siteId,
    String assetId,
    WorkOrderPriority priority,
    String alarmId,
    String ruleId,
    String reason,
    Map<String, Double> evidence,
    Instant issuedAt)
    implements WorkOrderCommand {

  /** Validates every component and copies {@code evidence}; failures name the field. */
  public OpenWorkOrder {
    WorkOrderChecks.command(commandId, schemaVersion, workOrderId, assetId, issuedAt);
    Ids.require("siteId", siteId);
    Checks.present("priority", priority);
    WorkOrderChecks.alarmOrigin(alarmId, ruleId);
    Checks.text("reason", reason);
    evidence = WorkOrderChecks.evidence(schemaVersion, evidence);
  }
}
