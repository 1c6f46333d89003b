package io.plantline.console.domain;

import io.plantline.contracts.status.DeviceStatus;
import io.plantline.contracts.workorder.WorkOrderEvent;

/** Where the console's event consumer announces changes for the users' live streams. */
public interface LiveUpdates {
  /** An alarm changed. */
  void alarm(AlarmView alarm);

  /** A device was born, died or had a gap. */
  void deviceStatus(DeviceStatus status);

  /** A work order changed; {@code siteId} is null when the order's site is not known. */
  void workOrder(WorkOrderEvent event, String siteId);
}
