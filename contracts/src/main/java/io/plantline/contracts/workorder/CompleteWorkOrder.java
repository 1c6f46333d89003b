package io.plantline.contracts.workorder;

import io.plantline.contracts.Checks;
import java.time.Instant;
import java.util.UUID;

/**
 * Records that the work is done.
 *
 * @param commandId unique id of the command
 * @param schemaVersion schema version, one of {@link WorkOrderCommand#SUPPORTED_SCHEMA_VERSIONS}
 * @param workOrderId the work order
 * @param assetId the asset (device) of the work order
 * @param notes what was done, or null
 * @param issuedAt when the command was issued
 */
public record CompleteWorkOrder(
    UUID commandId,
    int schemaVersion,
    String workOrderId,
    String assetId,
    String notes,
    Instant issuedAt)
    implements WorkOrderCommand {

  /** Validates every component; {@code notes} may be null but not blank. */
  public CompleteWorkOrder {
    WorkOrderChecks.command(commandId, schemaVersion, workOrderId, assetId, issuedAt);
    Checks.optionalText("notes", notes);
  }
}
