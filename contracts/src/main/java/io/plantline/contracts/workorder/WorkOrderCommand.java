package io.plantline.contracts.workorder;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A request to change a maintenance work order, sent on {@code workorder.commands.v1} keyed by
 * {@link #assetId()} (the device id) so that one asset's work orders stay ordered.
 *
 * <p>{@code commandId} makes handling idempotent: the scheduling service applies a command id at
 * most once. On the wire the subtype is named by the {@code type} field, for example {@code
 * "OpenWorkOrder"}.
 */
public sealed interface WorkOrderCommand
    permits OpenWorkOrder, AssignWorkOrder, StartWorkOrder, CompleteWorkOrder, CancelWorkOrder {

  /**
   * The schema version producers write today. Version 2 added {@code evidence} to the opening
   * command; version 1 payloads are still read (with no evidence).
   */
  int SCHEMA_VERSION = 2;

  /** Schema versions this build can read, for every command type. */
  Set<Integer> SUPPORTED_SCHEMA_VERSIONS = Set.of(1, 2);

  /** Unique id of the command. */
  UUID commandId();

  /** Schema version of the command. */
  int schemaVersion();

  /** The work order the command is about. */
  String workOrderId();

  /** The asset (device) the work order is for. */
  String assetId();

  /** When the command was issued. */
  Instant issuedAt();

  /** The device id, which is the asset id; the Kafka key. */
  default String deviceId() {
    return assetId();
  }
}
