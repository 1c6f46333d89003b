package io.plantline.contracts.workorder;

/** How soon a work order must be done, lowest first. */
public enum WorkOrderPriority {
  LOW,
  MEDIUM,
  HIGH,
  URGENT
}
