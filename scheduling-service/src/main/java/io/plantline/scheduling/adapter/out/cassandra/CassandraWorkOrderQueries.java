package io.plantline.scheduling.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PagingState;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import io.plantline.contracts.workorder.WorkOrderPriority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads of the projections for the REST API: paged lists and reliability. */
public final class CassandraWorkOrderQueries {

  /**
   * One row of a list.
   *
   * @param workOrderId the work order
   * @param siteId its site
   * @param assetId its asset
   * @param priority its priority
   * @param status its status
   * @param assignee current technician, or null
   * @param occurrences alarms it stands for
   * @param openedAt when it was opened
   * @param lastSeen latest alarm
   * @param version projected version
   * @param evidence figures behind the causing alarm, empty when opened by hand
   * @param plannedStart start of the planned window, or null
   * @param plannedEnd end of the planned window, or null
   */
  public record Summary(
      String workOrderId,
      String siteId,
      String assetId,
      String priority,
      String status,
      String assignee,
      int occurrences,
      Instant openedAt,
      Instant lastSeen,
      long version,
      Map<String, Double> evidence,
      Instant plannedStart,
      Instant plannedEnd) {}

  /**
   * One page of a list.
   *
   * @param items the rows
   * @param nextPageToken opaque token for the next page, or null on the last page
   */
  public record Page(List<Summary> items, String nextPageToken) {}

  /**
   * Reliability figures of an asset.
   *
   * @param assetId the asset
   * @param failures alarm-caused orders
   * @param repairs of which completed
   * @param mtbfSeconds mean time between failures, or null
   * @param mttrSeconds mean time to repair, or null
   */
  public record AssetReliability(
      String assetId, int failures, int repairs, Long mtbfSeconds, Long mttrSeconds) {}

  /** The page token does not belong to this query. */
  public static final class BadPageTokenException extends RuntimeException {
    BadPageTokenException(String message) {
      super(message);
    }
  }

  private static final String COLUMNS =
      "work_order_id, site_id, asset_id, priority, status, assignee, occurrences, opened_at,"
          + " last_seen, version, evidence, planned_start, planned_end";

  private final CqlSession session;
  private final PreparedStatement openBySite;
  private final PreparedStatement openBySiteAndPriority;
  private final PreparedStatement byAsset;
  private final PreparedStatement reliability;

  /** Prepares the statements on {@code keyspace}, whose schema must exist. */
  public CassandraWorkOrderQueries(CqlSession session, String keyspace) {
    this.session = session;
    String ks = WorkOrderSchema.requireKeyspace(keyspace) + ".";
    openBySite =
        session.prepare(
            "SELECT " + COLUMNS + " FROM " + ks + "open_orders_by_site WHERE site_id = ?");
    openBySiteAndPriority =
        session.prepare(
            "SELECT "
                + COLUMNS
                + " FROM "
                + ks
                + "open_orders_by_site WHERE site_id = ? AND priority_rank = ?");
    byAsset =
        session.prepare("SELECT " + COLUMNS + " FROM " + ks + "orders_by_asset WHERE asset_id = ?");
    reliability =
        session.prepare(
            "SELECT failures, repairs, mtbf_seconds, mttr_seconds FROM "
                + ks
                + "asset_reliability WHERE asset_id = ?");
  }

  /** Active orders of a site, most urgent first, optionally of one priority. */
  public Page openOrders(String siteId, WorkOrderPriority priority, int pageSize, String token) {
    BoundStatement statement =
        priority == null
            ? openBySite.bind(siteId)
            : openBySiteAndPriority.bind(siteId, CassandraProjections.priorityRank(priority));
    return page(statement, pageSize, token);
  }

  /** Every order of an asset, newest first. */
  public Page history(String assetId, int pageSize, String token) {
    return page(byAsset.bind(assetId), pageSize, token);
  }

  /** Reliability of an asset, if it has any order. */
  public Optional<AssetReliability> reliability(String assetId) {
    Row row = session.execute(reliability.bind(assetId)).one();
    if (row == null) {
      return Optional.empty();
    }
    return Optional.of(
        new AssetReliability(
            assetId,
            row.getInt(0),
            row.getInt(1),
            row.isNull(2) ? null : row.getLong(2),
            row.isNull(3) ? null : row.getLong(3)));
  }

  private Page page(BoundStatement statement, int pageSize, String token) {
    BoundStatement paged = statement.setPageSize(pageSize);
    if (token != null) {
      try {
        paged = paged.setPagingState(PagingState.fromString(token), session);
      } catch (RuntimeException e) {
        throw new BadPageTokenException("not a page token of this query");
      }
    }
    ResultSet rs = session.execute(paged);
    List<Summary> items = new ArrayList<>();
    int available = rs.getAvailableWithoutFetching();
    for (int i = 0; i < available; i++) {
      Row row = rs.one();
      items.add(
          new Summary(
              row.getString(0),
              row.getString(1),
              row.getString(2),
              row.getString(3),
              row.getString(4),
              row.getString(5),
              row.getInt(6),
              row.getInstant(7),
              row.getInstant(8),
              row.getLong(9),
              new TreeMap<>(row.getMap(10, String.class, Double.class)),
              row.getInstant(11),
              row.getInstant(12)));
    }
    PagingState next = rs.getExecutionInfo().getSafePagingState();
    return new Page(items, next == null ? null : next.toString());
  }
}
