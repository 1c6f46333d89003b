package io.plantline.scheduling.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.scheduling.domain.Reliability;
import io.plantline.scheduling.domain.WorkOrder;
import io.plantline.scheduling.domain.WorkOrderEventStore;
import io.plantline.scheduling.domain.WorkOrderState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the read-side tables ({@link ProjectionSchema}) in step with the event store.
 *
 * <p>Every row is written from the work order's state as replayed from the event store up to the
 * event being applied, never by incrementing: applying an event twice, or out of order after a
 * newer one, changes nothing, and a gap is filled because the replay reads the store. The view row
 * (with the version) is written last, so a crash mid-way re-applies the event. Reliability is
 * recomputed from the asset's history rows. {@link #rebuild()} truncates the tables and writes
 * every work order's final state: the same rows as live updates give.
 */
public final class CassandraProjections {

  private final CqlSession session;
  private final String ks;
  private final WorkOrderEventStore store;
  private final PreparedStatement viewVersion;
  private final PreparedStatement upsertView;
  private final PreparedStatement upsertOpen;
  private final PreparedStatement deleteOpen;
  private final PreparedStatement upsertByAsset;
  private final PreparedStatement assetHistory;
  private final PreparedStatement upsertReliability;

  /** Prepares the statements on {@code keyspace}, whose schema must exist. */
  public CassandraProjections(CqlSession session, String keyspace, WorkOrderEventStore store) {
    this.session = session;
    this.ks = WorkOrderSchema.requireKeyspace(keyspace) + ".";
    this.store = store;
    String columns =
        "site_id, asset_id, priority, status, assignee, rule_id, occurrences, reason, opened_at,"
            + " last_seen, started_at, completed_at, closed_at, version, evidence, planned_start,"
            + " planned_end, work_order_id";
    String marks = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
    viewVersion =
        session.prepare("SELECT version FROM " + ks + "work_order_view WHERE work_order_id = ?");
    upsertView =
        session.prepare(
            "INSERT INTO " + ks + "work_order_view (" + columns + ") VALUES (" + marks + ")");
    upsertOpen =
        session.prepare(
            "INSERT INTO "
                + ks
                + "open_orders_by_site ("
                + columns
                + ", priority_rank) VALUES ("
                + marks
                + ", ?)");
    deleteOpen =
        session.prepare(
            "DELETE FROM "
                + ks
                + "open_orders_by_site WHERE site_id = ? AND priority_rank = ? AND opened_at = ?"
                + " AND work_order_id = ?");
    upsertByAsset =
        session.prepare(
            "INSERT INTO " + ks + "orders_by_asset (" + columns + ") VALUES (" + marks + ")");
    assetHistory =
        session.prepare(
            "SELECT rule_id, opened_at, completed_at FROM "
                + ks
                + "orders_by_asset WHERE asset_id = ?");
    upsertReliability =
        session.prepare(
            "INSERT INTO "
                + ks
                + "asset_reliability (asset_id, failures, repairs, mtbf_seconds, mttr_seconds)"
                + " VALUES (?, ?, ?, ?, ?)");
  }

  /** Most urgent first: URGENT is rank 0. */
  public static int priorityRank(io.plantline.contracts.workorder.WorkOrderPriority priority) {
    return io.plantline.contracts.workorder.WorkOrderPriority.values().length
        - 1
        - priority.ordinal();
  }

  /** Applies one published event; idempotent. */
  public void apply(WorkOrderEvent event) {
    Row row = session.execute(viewVersion.bind(event.workOrderId())).one();
    long projected = row == null ? 0 : row.getLong(0);
    if (event.version() <= projected) {
      return;
    }
    List<WorkOrderEvent> events = store.load(event.workOrderId());
    if (events.size() < event.version()) {
      throw new IllegalStateException(
          "event store holds "
              + events.size()
              + " events of "
              + event.workOrderId()
              + ", published version "
              + event.version());
    }
    write(WorkOrder.replay(events.subList(0, (int) event.version())).state());
  }

  /** Truncates the read side and writes it again from every stream of the event store. */
  public int rebuild() {
    ProjectionSchema.TABLES.forEach(t -> session.execute("TRUNCATE " + ks + t));
    List<String> ids = new ArrayList<>();
    for (Row row :
        session.execute("SELECT DISTINCT work_order_id FROM " + ks + "work_order_events")) {
      ids.add(row.getString(0));
    }
    for (String id : ids) {
      write(WorkOrder.replay(store.load(id)).state());
    }
    return ids.size();
  }

  private void write(WorkOrderState s) {
    session.execute(bindState(upsertByAsset, s));
    if (s.status().isActive()) {
      session.execute(bindState(upsertOpen, s).setInt(18, priorityRank(s.priority())));
    } else {
      session.execute(
          deleteOpen.bind(s.siteId(), priorityRank(s.priority()), s.openedAt(), s.workOrderId()));
    }
    writeReliability(s.assetId());
    session.execute(bindState(upsertView, s));
  }

  private void writeReliability(String assetId) {
    List<Reliability.OrderTimes> orders = new ArrayList<>();
    for (Row row : session.execute(assetHistory.bind(assetId))) {
      orders.add(
          new Reliability.OrderTimes(
              row.getString(0) != null, row.getInstant(1), row.getInstant(2)));
    }
    Reliability r = Reliability.of(assetId, orders);
    session.execute(
        upsertReliability.bind(
            assetId, r.failures(), r.repairs(), seconds(r.mtbf()), seconds(r.mttr())));
  }

  private static Long seconds(Duration d) {
    return d == null ? null : d.toSeconds();
  }

  private static BoundStatement bindState(PreparedStatement statement, WorkOrderState s) {
    Object[] values = {
      s.siteId(),
      s.assetId(),
      s.priority().name(),
      s.status().name(),
      s.assignee(),
      s.ruleId(),
      s.occurrences(),
      s.reason(),
      s.openedAt(),
      s.lastSeen(),
      s.startedAt(),
      s.completedAt(),
      s.closedAt(),
      s.version(),
      s.evidence().isEmpty() ? null : s.evidence(),
      s.plannedStart(),
      s.plannedEnd(),
      s.workOrderId()
    };
    // absent values stay unset: no tombstones, and a value once set never goes back to null
    BoundStatementBuilder builder = statement.boundStatementBuilder(values);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        builder.unset(i);
      }
    }
    return builder.build();
  }
}
