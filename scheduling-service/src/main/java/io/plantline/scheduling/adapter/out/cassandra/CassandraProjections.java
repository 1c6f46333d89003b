package io.plantline.scheduling.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.plantline.contracts.workorder.WorkOrderCompleted;
import io.plantline.contracts.workorder.WorkOrderEvent;
import io.plantline.contracts.workorder.WorkOrderOpened;
import io.plantline.scheduling.domain.Reliability;
import io.plantline.scheduling.domain.WorkOrder;
import io.plantline.scheduling.domain.WorkOrderEventStore;
import io.plantline.scheduling.domain.WorkOrderState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Keeps the read-side tables ({@link ProjectionSchema}) in step with the event store.
 *
 * <p>Every row of a work order is written from its state after the event being applied, never by
 * incrementing: from the event alone when it is the opening one, else replayed from the event store
 * up to the event (so a gap is filled). The order's rows are written with the write timestamp set
 * to its version, so Cassandra keeps, cell by cell, the values of the newest version whatever order
 * the writes arrive in: applying an event twice, or an old event after a newer one, changes
 * nothing, and no read of the projected version is needed. The three rows are written together.
 * Reliability is written after them when the event changes it (an alarm-caused opening, a
 * completion), recomputed from the opening and completion times of every order of the asset: read
 * from the asset's history rows the first time, then kept in memory per asset (per order with its
 * version, an older state never replacing a newer one) until {@link #forgetCachedAssets()}, which
 * the projector calls when its partitions change hands. Events of one asset must be applied one at
 * a time for that (the projector's lanes are per asset). {@link #rebuild()} truncates the tables
 * and writes every work order's final state: the same rows as live updates give. A read side
 * written by a build without version timestamps must be rebuilt once.
 */
public final class CassandraProjections {

  private final CqlSession session;
  private final String ks;
  private final WorkOrderEventStore store;
  private final PreparedStatement upsertView;
  private final PreparedStatement upsertOpen;
  private final PreparedStatement deleteOpen;
  private final PreparedStatement upsertByAsset;
  private final PreparedStatement assetHistory;
  private final PreparedStatement upsertReliability;
  private final Map<String, Map<String, Times>> assets =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Times>> eldest) {
          return size() > CACHED_ASSETS;
        }
      };

  /** An order's reliability inputs as of {@code version}. */
  private record Times(long version, Reliability.OrderTimes times) {}

  /** Assets whose reliability inputs are kept in memory. */
  static final int CACHED_ASSETS = 20_000;

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
            "SELECT rule_id, opened_at, completed_at, work_order_id, version FROM "
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
    List<WorkOrderEvent> events =
        event instanceof WorkOrderOpened ? List.of(event) : store.load(event.workOrderId());
    if (events.size() < event.version()) {
      throw new IllegalStateException(
          "event store holds "
              + events.size()
              + " events of "
              + event.workOrderId()
              + ", published version "
              + event.version());
    }
    WorkOrderState state = WorkOrder.replay(events.subList(0, (int) event.version())).state();
    boolean reliability =
        event instanceof WorkOrderOpened opened
            ? opened.ruleId() != null
            : event instanceof WorkOrderCompleted;
    write(state, reliability);
  }

  /** Truncates the read side and writes it again from every stream of the event store. */
  public int rebuild() {
    forgetCachedAssets();
    ProjectionSchema.TABLES.forEach(t -> session.execute("TRUNCATE " + ks + t));
    List<String> ids = new ArrayList<>();
    for (Row row :
        session.execute("SELECT DISTINCT work_order_id FROM " + ks + "work_order_events")) {
      ids.add(row.getString(0));
    }
    for (String id : ids) {
      write(WorkOrder.replay(store.load(id)).state(), true);
    }
    return ids.size();
  }

  private void write(WorkOrderState s, boolean reliability) {
    BoundStatement open =
        s.status().isActive()
            ? bindState(upsertOpen, s).setInt(18, priorityRank(s.priority()))
            : deleteOpen.bind(
                s.siteId(), priorityRank(s.priority()), s.openedAt(), s.workOrderId());
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (BoundStatement statement :
        List.of(bindState(upsertByAsset, s), open, bindState(upsertView, s))) {
      writes.add(
          session.executeAsync(statement.setQueryTimestamp(s.version())).toCompletableFuture());
    }
    try {
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    if (reliability) {
      writeReliability(s);
    }
  }

  /** Drops the reliability inputs kept in memory; the next event of an asset reads its history. */
  public void forgetCachedAssets() {
    synchronized (assets) {
      assets.clear();
    }
  }

  private void writeReliability(WorkOrderState s) {
    String assetId = s.assetId();
    Map<String, Times> orders;
    synchronized (assets) {
      orders = assets.get(assetId);
    }
    if (orders == null) {
      orders = new HashMap<>();
      for (Row row : session.execute(assetHistory.bind(assetId))) {
        orders.put(
            row.getString(3),
            new Times(
                row.getLong(4),
                new Reliability.OrderTimes(
                    row.getString(0) != null, row.getInstant(1), row.getInstant(2))));
      }
      synchronized (assets) {
        assets.put(assetId, orders);
      }
    }
    Times now =
        new Times(
            s.version(),
            new Reliability.OrderTimes(s.ruleId() != null, s.openedAt(), s.completedAt()));
    orders.merge(s.workOrderId(), now, (old, neu) -> neu.version() >= old.version() ? neu : old);
    Reliability r = Reliability.of(assetId, orders.values().stream().map(Times::times).toList());
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
