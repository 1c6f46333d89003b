package io.plantline.ingestion.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Metadata;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import java.time.Duration;
import java.util.List;

/**
 * The Cassandra tables of the history, designed for the query API.
 *
 * <ul>
 *   <li>{@code reading_batches_by_device_day}: partition (device_id, day), one row per telemetry
 *       batch and UTC minute of its readings' source times, clustered by (minute_start, boot_epoch,
 *       seq); the readings are parallel frozen lists (metrics, source_times, measured_values,
 *       units, qualities), one cell each, so a batch of ten readings costs Cassandra one row
 *       instead of ten. "One device's metric between two times" reads one contiguous slice of
 *       minutes per day and keeps that metric's readings ({@link ReadingBatchRow}). Default TTL
 *       configurable; time-window compaction by day.
 *   <li>{@code latest_by_device}: one row per device, a map from metric to (value, unit, quality,
 *       source_time); each map entry is its own cell written {@code USING TIMESTAMP} = sourceTime
 *       in microseconds, so an older replay never wins, metric by metric.
 *   <li>{@code devices}: the registry, one row per device, from status events (and site, area and
 *       last_seen from telemetry).
 * </ul>
 */
public final class HistorySchema {
  /** Readings table. */
  public static final String READINGS = "reading_batches_by_device_day";

  /** Latest value per device and metric. */
  public static final String LATEST = "latest_by_device";

  /** Device registry. */
  public static final String DEVICES = "devices";

  private HistorySchema() {}

  /** The statements that create (or update the TTL of) the schema, in order. */
  public static List<String> statements(String keyspace, int replicationFactor, Duration ttl) {
    long ttlSeconds = ttl.toSeconds();
    return List.of(
        "CREATE KEYSPACE IF NOT EXISTS "
            + keyspace
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': "
            + replicationFactor
            + "}",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + "."
            + READINGS
            + " (device_id text, day date, minute_start timestamp, boot_epoch bigint, seq bigint,"
            + " metrics frozen<list<text>>, source_times frozen<list<timestamp>>,"
            + " measured_values frozen<list<double>>, units frozen<list<text>>,"
            + " qualities frozen<list<text>>,"
            + " PRIMARY KEY ((device_id, day), minute_start, boot_epoch, seq))"
            + " WITH CLUSTERING ORDER BY (minute_start ASC, boot_epoch ASC, seq ASC)"
            + " AND compaction = {'class': 'TimeWindowCompactionStrategy',"
            + " 'compaction_window_unit': 'DAYS', 'compaction_window_size': 1}"
            + " AND default_time_to_live = "
            + ttlSeconds,
        "ALTER TABLE " + keyspace + "." + READINGS + " WITH default_time_to_live = " + ttlSeconds,
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + "."
            + LATEST
            + " (device_id text PRIMARY KEY,"
            + " metrics map<text, frozen<tuple<double, text, text, timestamp>>>)",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + "."
            + DEVICES
            + " (device_id text PRIMARY KEY, site_id text, area_id text, last_state text,"
            + " last_state_at timestamp, boot_epoch bigint, last_birth timestamp,"
            + " last_death timestamp, last_gap timestamp, last_gap_reason text,"
            + " last_seen timestamp)");
  }

  /**
   * Creates whatever is missing without touching existing tables (no TTL change): for readers that
   * may start before the writers. What exists (per the driver's metadata) is not created again; a
   * reader whose role may not create (SELECT only, as it should be: a role that creates a table
   * owns it, writes included) waits for the writers to create the tables.
   */
  public static void createIfMissing(CqlSession session, CassandraSettings settings) {
    var keyspace = session.getMetadata().getKeyspace(settings.keyspace());
    for (String cql :
        statements(settings.keyspace(), settings.replicationFactor(), settings.readingsTtl())) {
      boolean existing =
          keyspace.isPresent()
              && (cql.startsWith("CREATE KEYSPACE")
                  || (cql.startsWith("CREATE TABLE")
                      && keyspace.get().getTable(tableOf(cql)).isPresent()));
      if (cql.startsWith("CREATE") && !existing) {
        try {
          session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(60)));
        } catch (UnauthorizedException e) {
          awaitTables(session, settings, READER_PATIENCE);
          return;
        }
      }
    }
    session.checkSchemaAgreement();
  }

  /** How long a read-only reader waits for the writers to create the tables. */
  static final Duration READER_PATIENCE = Duration.ofMinutes(3);

  /**
   * For a reader whose role may only read (the least it needs): waits until the writers have
   * created the keyspace and every table, re-reading the schema every second.
   *
   * @throws IllegalStateException when they are still missing after {@code patience}
   */
  static void awaitTables(CqlSession session, CassandraSettings settings, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!tablesExist(session.refreshSchema(), settings.keyspace())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the history tables in "
                + settings.keyspace()
                + " do not exist and this role may not create them: start the store writers");
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the history tables", e);
      }
    }
  }

  private static boolean tablesExist(Metadata metadata, String keyspace) {
    return metadata
        .getKeyspace(keyspace)
        .map(
            ks ->
                ks.getTable(READINGS).isPresent()
                    && ks.getTable(LATEST).isPresent()
                    && ks.getTable(DEVICES).isPresent())
        .orElse(false);
  }

  /**
   * Creates the schema (and applies the configured TTL) and waits for schema agreement. An existing
   * keyspace is not created again: {@code CREATE KEYSPACE IF NOT EXISTS} needs {@code CREATE ON ALL
   * KEYSPACES} even then, which a role owning only this keyspace does not have.
   */
  public static void create(CqlSession session, CassandraSettings settings) {
    boolean exists = session.getMetadata().getKeyspace(settings.keyspace()).isPresent();
    for (String cql :
        statements(settings.keyspace(), settings.replicationFactor(), settings.readingsTtl())) {
      if (exists && cql.startsWith("CREATE KEYSPACE")) {
        continue;
      }
      session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(60)));
    }
    session.checkSchemaAgreement();
  }

  /** The table name of a {@code CREATE TABLE IF NOT EXISTS ks.table (...)} statement. */
  private static String tableOf(String cql) {
    String rest = cql.substring("CREATE TABLE IF NOT EXISTS ".length());
    String qualified = rest.substring(0, rest.indexOf(' '));
    return qualified.substring(qualified.indexOf('.') + 1);
  }
}
