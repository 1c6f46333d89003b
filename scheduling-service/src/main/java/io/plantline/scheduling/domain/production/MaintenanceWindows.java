package io.plantline.scheduling.domain.production;

import java.time.Instant;
import java.util.List;

/** Maintenance planned in work orders, which production must work around. */
public interface MaintenanceWindows {
  /**
   * Planned windows of work orders not yet done on a machine that overlap {@code [from, to)}.
   *
   * @return downtimes whose reason names the work order
   */
  List<ProductionRequest.Downtime> planned(String machineId, Instant from, Instant to);
}
