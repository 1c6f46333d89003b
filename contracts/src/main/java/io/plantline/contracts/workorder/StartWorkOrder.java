package io.plantline.contracts.workorder;

import java.time.Instant;
import java.util.UUID;

/**
 * Records that the assignee started the work.
 *
 * @param commandId unique id of the command
 * @param schemaVersion schema version, one of {@link WorkOrderCommand#SUPPORTED_SCHEMA_VERSIONS}
 * @param workOrderId the work order
 * @param assetId the asset (device) of the work order
 * @param issuedAt when the command was issued
 */
public record StartWorkOrder(
    UUID commandId, int schemaVersion, String workOrderId, String assetId, Instant issuedAt)
    implements WorkOrderCommand {

  /** Validates every component; failures name the field. */
  public StartWorkOrder {
    WorkOrderChecks.command(commandId, schemaVersion, workOrderId, assetId, issuedAt);
  }
}
