package io.plantline.scheduling.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.List;

/**
 * The read-side tables, all derived from the event store and rebuildable.
 *
 * <ul>
 *   <li>{@code work_order_view}: one row per work order, its current state and version.
 *   <li>{@code open_orders_by_site}: active orders per site, most urgent first, then oldest.
 *   <li>{@code orders_by_asset}: every order of an asset, newest first (maintenance history).
 *   <li>{@code asset_reliability}: failures, repairs, MTBF and MTTR per asset.
 * </ul>
 */
public final class ProjectionSchema {

  /** The tables, in the order a rebuild truncates them. */
  public static final List<String> TABLES =
      List.of("work_order_view", "open_orders_by_site", "orders_by_asset", "asset_reliability");

  private ProjectionSchema() {}

  /** The CQL that creates the tables, idempotently (the keyspace must exist). */
  public static List<String> statements(String keyspace) {
    String ks = WorkOrderSchema.requireKeyspace(keyspace) + ".";
    String summary =
        " site_id text, asset_id text, priority text, status text, assignee text, rule_id text,"
            + " occurrences int, reason text, opened_at timestamp, last_seen timestamp,"
            + " started_at timestamp, completed_at timestamp, closed_at timestamp, version bigint,"
            + " evidence frozen<map<text, double>>, planned_start timestamp, planned_end timestamp";
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "work_order_view (work_order_id text PRIMARY KEY,"
            + summary
            + ")",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "open_orders_by_site (priority_rank int, work_order_id text,"
            + summary
            + ", PRIMARY KEY (site_id, priority_rank, opened_at, work_order_id))",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "orders_by_asset (work_order_id text,"
            + summary
            + ", PRIMARY KEY (asset_id, opened_at, work_order_id))"
            + " WITH CLUSTERING ORDER BY (opened_at DESC, work_order_id ASC)",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "asset_reliability (asset_id text PRIMARY KEY, failures int, repairs int,"
            + " mtbf_seconds bigint, mttr_seconds bigint)");
  }

  /** Creates the tables. */
  public static void create(CqlSession session, String keyspace) {
    statements(keyspace).forEach(session::execute);
  }
}
