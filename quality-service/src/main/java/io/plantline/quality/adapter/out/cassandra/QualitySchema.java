package io.plantline.quality.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.plantline.service.cassandra.SchemaStatements;
import java.util.List;

/**
 * The read model, one table per query.
 *
 * <ul>
 *   <li>{@code chart_points}: partition (characteristic, day), rows by subgroup number: the values,
 *       plotted statistics, limits and violations of each point (chart data for a time range).
 *   <li>{@code chart_state}: one row per characteristic, the chart's state (current state and the
 *       idempotency mark: last bootEpoch/seq applied).
 *   <li>{@code limit_versions}: partition per characteristic, newest version first, with who froze
 *       them and why (the audit of re-baselines).
 * </ul>
 */
public final class QualitySchema {
  private QualitySchema() {}

  /** Validates a keyspace name; the message names the field. */
  public static String requireKeyspace(String keyspace) {
    return io.plantline.service.cassandra.CassandraSettings.requireKeyspace(keyspace);
  }

  /** The CQL that creates the keyspace and tables, idempotently. */
  public static List<String> statements(String keyspace, int replicationFactor) {
    String ks = requireKeyspace(keyspace) + ".";
    return List.of(
        "CREATE KEYSPACE IF NOT EXISTS "
            + keyspace
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': "
            + replicationFactor
            + "}",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "chart_points (characteristic_id text, day date, subgroup bigint, at timestamp,"
            + " point text, PRIMARY KEY ((characteristic_id, day), subgroup))",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "chart_state (characteristic_id text PRIMARY KEY, state text, updated_at timestamp)",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "limit_versions (characteristic_id text, version int, frozen text,"
            + " PRIMARY KEY (characteristic_id, version)) WITH CLUSTERING ORDER BY (version DESC)");
  }

  /** Creates the schema. */
  public static void create(CqlSession session, String keyspace, int replicationFactor) {
    SchemaStatements.apply(session, keyspace, statements(keyspace, replicationFactor));
  }
}
