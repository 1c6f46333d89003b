package io.plantline.scheduling.domain;

import io.plantline.contracts.workorder.WorkOrderEvent;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the work-order event streams, one per work order, append-only and versioned. */
public interface WorkOrderEventStore {

  /** Every event of the work order, oldest first; empty when it does not exist. */
  List<WorkOrderEvent> load(String workOrderId);

  /**
   * Appends {@code events} (versions {@code expectedVersion + 1} onwards) if the stream is still at
   * {@code expectedVersion}; stores them for publication in the same step.
   *
   * @return false when another writer got there first (nothing was stored)
   */
  boolean append(String workOrderId, long expectedVersion, List<WorkOrderEvent> events);

  /**
   * The work order that names {@code alarmId}: the order it opened or the order it was attached to
   * as a repeated occurrence. {@link #append} indexes the alarm ids of the events it stores before
   * it stores them, so an order found in the store is found here too.
   */
  Optional<String> workOrderOfAlarm(String alarmId);

  /** Records that {@code commandId} took effect on {@code workOrderId}. */
  void recordCommand(UUID commandId, String workOrderId);

  /** The work order a command took effect on, if it took effect. */
  Optional<String> commandTarget(UUID commandId);
}
