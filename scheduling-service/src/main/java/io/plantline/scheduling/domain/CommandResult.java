package io.plantline.scheduling.domain;

import io.plantline.contracts.workorder.WorkOrderEvent;
import java.util.List;

/** The result of handling one command against the store. */
public sealed interface CommandResult {

  /** The work order the command was about (for an attached alarm: the order it attached to). */
  String workOrderId();

  /** New events were stored; {@code version} is the order's version after them. */
  record Applied(String workOrderId, long version, List<WorkOrderEvent> events)
      implements CommandResult {
    /** Copies the list. */
    public Applied {
      events = List.copyOf(events);
    }
  }

  /** The command took effect before; nothing changed. */
  record Duplicate(String workOrderId) implements CommandResult {}

  /** The command is not allowed in the order's state. */
  record Refused(String workOrderId, String reason) implements CommandResult {}

  /** No such work order. */
  record NotFound(String workOrderId) implements CommandResult {}

  /** The order is not at the version the caller expected (or a concurrent writer won). */
  record Conflict(String workOrderId, long expectedVersion, long actualVersion)
      implements CommandResult {}
}
