package io.plantline.contracts.workorder;

import io.plantline.contracts.Checks;
import java.time.Instant;
import java.util.UUID;

/**
 * Cancels a work order that is no longer needed.
 *
 * @param commandId unique id of the command
 * @param schemaVersion schema version, one of {@link WorkOrderCommand#SUPPORTED_SCHEMA_VERSIONS}
 * @param workOrderId the work order
 * @param assetId the asset (device) of the work order
 * @param reason why the work order is cancelled
 * @param issuedAt when the command was issued
 */
public record CancelWorkOrder(
    UUID commandId,
    int schemaVersion,
    String workOrderId,
    String assetId,
    String reason,
    Instant issuedAt)
    implements WorkOrderCommand {

  /** Validates every component; failures name the field. */
  public CancelWorkOrder {
    WorkOrderChecks.command(commandId, schemaVersion, workOrderId, assetId, issuedAt);
    Checks.text("reason", reason);
  }
}
