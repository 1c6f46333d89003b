package io.plantline.energy.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.plantline.service.cassandra.SchemaStatements;
import java.util.List;

/**
 * The energy read model's keyspace and tables; a series is a device's metric, and partitions are
 * site-local days (peaks: the series).
 *
 * <ul>
 *   <li>{@code samples_by_series_day}: the counter (or power) samples, by time.
 *   <li>{@code intervals_by_series_day}: billing intervals: amount, covered and gap seconds.
 *   <li>{@code gaps_by_series_day}: reported gaps, by start.
 *   <li>{@code peaks_by_series_period}: each billing period's peak interval.
 *   <li>{@code enpi_by_machine_period}: a machine's EnPIs of each billing period, through a day.
 * </ul>
 */
public final class EnergySchema {
  private EnergySchema() {}

  /** Returns {@code keyspace} if it is a plain lower-case CQL name. */
  public static String requireKeyspace(String keyspace) {
    return io.plantline.service.cassandra.CassandraSettings.requireKeyspace(keyspace);
  }

  /** The CQL that creates the keyspace and tables, idempotently. */
  public static List<String> statements(String keyspace, int replicationFactor) {
    String ks = requireKeyspace(keyspace) + ".";
    String series = "device_id text, metric text, day date, ";
    return List.of(
        "CREATE KEYSPACE IF NOT EXISTS "
            + keyspace
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': "
            + replicationFactor
            + "}",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "samples_by_series_day ("
            + series
            + "ts timestamp, value double, PRIMARY KEY ((device_id, metric, day), ts))",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "intervals_by_series_day ("
            + series
            + "interval_start timestamp, interval_end timestamp, amount double,"
            + " covered_seconds double, gap_seconds double,"
            + " PRIMARY KEY ((device_id, metric, day), interval_start))",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "gaps_by_series_day ("
            + series
            + "gap_start timestamp, gap_end timestamp, reason text, unattributed double,"
            + " PRIMARY KEY ((device_id, metric, day), gap_start))",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "peaks_by_series_period (device_id text, metric text, period text,"
            + " interval_start timestamp, demand double,"
            + " PRIMARY KEY ((device_id, metric), period))",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "enpi_by_machine_period (site_id text, machine_id text, period text,"
            + " through_day date, closed boolean, energy_kwh double, units double,"
            + " specific_energy_kwh_per_unit double, idle_energy_kwh double, idle_intervals int,"
            + " base_load_kw double, PRIMARY KEY ((site_id, machine_id), period))");
  }

  /** Creates the keyspace and tables. */
  public static void create(CqlSession session, String keyspace, int replicationFactor) {
    SchemaStatements.apply(session, keyspace, statements(keyspace, replicationFactor));
  }
}
