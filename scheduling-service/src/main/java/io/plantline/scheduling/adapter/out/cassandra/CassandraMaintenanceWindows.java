package io.plantline.scheduling.adapter.out.cassandra;

import io.plantline.scheduling.domain.production.MaintenanceWindows;
import io.plantline.scheduling.domain.production.ProductionRequest.Downtime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Planned maintenance from the work-order read model: orders of the machine (asset) that are not
 * done yet and have a planned window overlapping the range. Reads the asset's history newest first
 * and stops after {@link #MAX_ORDERS} orders.
 */
public final class CassandraMaintenanceWindows implements MaintenanceWindows {
  /** Most work orders read per machine. */
  public static final int MAX_ORDERS = 500;

  private static final Set<String> NOT_DONE = Set.of("OPEN", "ASSIGNED", "IN_PROGRESS");

  private final CassandraWorkOrderQueries queries;

  /** Windows read through the work-order queries. */
  public CassandraMaintenanceWindows(CassandraWorkOrderQueries queries) {
    this.queries = queries;
  }

  @Override
  public List<Downtime> planned(String machineId, Instant from, Instant to) {
    List<Downtime> windows = new ArrayList<>();
    String token = null;
    int read = 0;
    do {
      CassandraWorkOrderQueries.Page page = queries.history(machineId, 100, token);
      for (CassandraWorkOrderQueries.Summary order : page.items()) {
        read++;
        if (order.plannedStart() != null
            && NOT_DONE.contains(order.status())
            && order.plannedStart().isBefore(to)
            && order.plannedEnd().isAfter(from)) {
          windows.add(
              new Downtime(
                  order.plannedStart(),
                  order.plannedEnd(),
                  "maintenance planned in work order " + order.workOrderId()));
        }
      }
      token = page.nextPageToken();
    } while (token != null && read < MAX_ORDERS);
    return windows;
  }
}
