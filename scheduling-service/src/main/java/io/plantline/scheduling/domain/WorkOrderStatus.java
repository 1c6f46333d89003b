package io.plantline.scheduling.domain;

/**
 * Life cycle of a work order: {@code OPEN → ASSIGNED → IN_PROGRESS → DONE → VERIFIED}, or {@code
 * CANCELLED} from any state before {@code DONE}.
 */
public enum WorkOrderStatus {
  OPEN,
  ASSIGNED,
  IN_PROGRESS,
  DONE,
  CANCELLED,
  VERIFIED;

  /** Whether the work is still to be done: repeated alarms attach to an active order. */
  public boolean isActive() {
    return this == OPEN || this == ASSIGNED || this == IN_PROGRESS;
  }
}
