package io.plantline.scheduling.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.plantline.service.cassandra.SchemaStatements;
import java.util.List;

/**
 * The work-order write-side tables.
 *
 * <ul>
 *   <li>{@code work_order_events}: one partition per work order, one row per version; appends are
 *       lightweight transactions {@code IF NOT EXISTS} on (work_order_id, version), which is the
 *       optimistic-concurrency check.
 *   <li>{@code work_order_outbox}: one row per appended event version, written before the append
 *       and removed once the version is on Kafka, spread over {@link #OUTBOX_BUCKETS} partitions;
 *       the publisher scans it. Its tombstones are dropped at the next compaction ({@code
 *       gc_grace_seconds = 0}): a removed mark that comes back only makes the publisher check the
 *       stream again.
 *   <li>{@code work_order_commands}: command id to the work order it took effect on.
 *   <li>{@code active_order_by_cause}: (asset, rule) to the active work order, claimed with LWT.
 *   <li>{@code work_order_alarms}: per alarm id, the work order that names it (written with the
 *       append) and, once the alarm cleared, the clearance.
 * </ul>
 */
public final class WorkOrderSchema {

  /** Partitions of the outbox table. */
  public static final int OUTBOX_BUCKETS = 16;

  private WorkOrderSchema() {}

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
            + "work_order_events (work_order_id text, version bigint, event_id uuid,"
            + " event_type text, payload blob, PRIMARY KEY (work_order_id, version))",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "work_order_outbox (bucket int, work_order_id text, version bigint,"
            + " marked_at timestamp, PRIMARY KEY (bucket, work_order_id, version))"
            + " WITH gc_grace_seconds = 0",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "work_order_commands (command_id uuid PRIMARY KEY, work_order_id text)",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "active_order_by_cause (asset_id text, rule_id text, work_order_id text,"
            + " PRIMARY KEY ((asset_id, rule_id)))",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "work_order_alarms (alarm_id text PRIMARY KEY, work_order_id text,"
            + " cleared_event_id uuid, cleared_at timestamp)");
  }

  /** Creates the schema. */
  public static void create(CqlSession session, String keyspace, int replicationFactor) {
    SchemaStatements.apply(session, keyspace, statements(keyspace, replicationFactor));
  }

  /** The outbox partition of a work order. */
  public static int bucket(String workOrderId) {
    return Math.floorMod(workOrderId.hashCode(), OUTBOX_BUCKETS);
  }
}
