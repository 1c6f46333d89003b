package io.plantline.scheduling.domain;

import io.plantline.contracts.workorder.WorkOrderEvent;
import java.util.List;

/** What a work order decided about a command. */
public sealed interface Outcome {

  /** The command was accepted; these events, in order, are to be stored. */
  record Applied(List<WorkOrderEvent> events) implements Outcome {
    /** Copies the list; it is never empty. */
    public Applied {
      events = List.copyOf(events);
      if (events.isEmpty()) {
        throw new IllegalArgumentException("an applied command yields at least one event");
      }
    }
  }

  /** The command id was applied before: nothing to do (idempotent redelivery). */
  record AlreadyApplied(long version) implements Outcome {}

  /** The command is not allowed in the work order's current state. */
  record Refused(String reason) implements Outcome {}
}
