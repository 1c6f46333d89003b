package io.plantline.contracts.workorder;

import io.plantline.contracts.Ids;
import java.time.Instant;
import java.util.UUID;

/**
 * Assigns a work order to a technician, or reassigns it.
 *
 * @param commandId unique id of the command
 * @param schemaVersion schema version, one of {@link WorkOrderCommand#SUPPORTED_SCHEMA_VERSIONS}
 * @param workOrderId the work order
 * @param assetId the asset (device) of the work order
 * @param assignee user id of the technician
 * @param issuedAt when the command was issued
 */
public record AssignWorkOrder(
    UUID commandId,
    int schemaVersion,
    String workOrderId,
    String assetId,
    String assignee,
    Instant issuedAt)
    implements WorkOrderCommand {

  /** Validates every component; failures name the field. */
  public AssignWorkOrder {
    WorkOrderChecks.command(commandId, schemaVersion, workOrderId, assetId, issuedAt);
    Ids.require("assignee", assignee);
  }
}
