package io.plantline.contracts.workorder;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A fact about a maintenance work order, stored in the work-order event stream and published on
 * {@code workorder.events.v1} keyed by {@link #assetId()} (the device id).
 *
 * <p>{@code version} is the work order's version after the event: 1 for {@link WorkOrderOpened} and
 * one more for each later event, so consumers can detect gaps and replays. {@code commandId} names
 * the command that caused the event. On the wire the subtype is named by the {@code type} field,
 * for example {@code "WorkOrderOpened"}.
 */
public sealed interface WorkOrderEvent
    permits WorkOrderOpened,
        WorkOrderAssigned,
        WorkOrderStarted,
        WorkOrderCompleted,
        WorkOrderCancelled,
        WorkOrderOccurrenceAttached,
        WorkOrderCommented,
        WorkOrderVerified,
        WorkOrderPlanned {

  /**
   * The schema version producers write today. Version 2 added {@code evidence} to the opening event
   * and the {@code WorkOrderPlanned} event; version 1 payloads are still read (with no evidence).
   */
  int SCHEMA_VERSION = 2;

  /** Schema versions this build can read, for every event type. */
  Set<Integer> SUPPORTED_SCHEMA_VERSIONS = Set.of(1, 2);

  /** Unique id of the event. */
  UUID eventId();

  /** Schema version of the event. */
  int schemaVersion();

  /** The work order the event is about. */
  String workOrderId();

  /** The asset (device) the work order is for. */
  String assetId();

  /** The work order's version after this event, 1 or more. */
  long version();

  /** When the change happened. */
  Instant occurredAt();

  /** The command that caused this event. */
  UUID commandId();

  /** The device id, which is the asset id; the Kafka key. */
  default String deviceId() {
    return assetId();
  }
}
