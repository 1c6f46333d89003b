package io.plantline.energy.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.plantline.energy.domain.EnergyPerformance;
import io.plantline.energy.domain.EnergyStore;
import io.plantline.energy.domain.Gap;
import io.plantline.energy.domain.IntervalEnergy;
import io.plantline.energy.domain.PeakDemand;
import io.plantline.energy.domain.PeriodEnpi;
import io.plantline.energy.domain.ReadModelChanges;
import io.plantline.energy.domain.Sample;
import io.plantline.energy.domain.SeriesKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;

/**
 * The energy read model in Cassandra (tables of {@link EnergySchema}); every write is an upsert. A
 * batch's rows are written asynchronously, grouped by partition, with a bounded number of
 * statements in flight.
 */
public final class CassandraEnergyStore implements EnergyStore {
  private final CqlSession session;
  private final PreparedStatement insertSample;
  private final PreparedStatement selectSamples;
  private final PreparedStatement insertInterval;
  private final PreparedStatement selectIntervals;
  private final PreparedStatement selectInterval;
  private final PreparedStatement insertGap;
  private final PreparedStatement selectGaps;
  private final PreparedStatement insertPeak;
  private final PreparedStatement selectPeak;
  private final PreparedStatement insertEnpi;
  private final PreparedStatement selectEnpi;
  private final Semaphore inFlight;

  /** Rows of one partition sent as one unlogged batch at most. */
  static final int ROWS_PER_BATCH = 50;

  /** Statements in flight at most, over all callers, by default. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 256;

  /** A store on the tables in {@code keyspace} (which must exist). */
  public CassandraEnergyStore(CqlSession session, String keyspace) {
    this(session, keyspace, DEFAULT_MAX_IN_FLIGHT);
  }

  /**
   * A store on the tables in {@code keyspace} (which must exist) with at most {@code maxInFlight}
   * write statements running at once; a writer waits for a free slot.
   */
  public CassandraEnergyStore(CqlSession session, String keyspace, int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight: must be 1 or more, was " + maxInFlight);
    }
    this.inFlight = new Semaphore(maxInFlight);
    this.session = session;
    String ks = EnergySchema.requireKeyspace(keyspace) + ".";
    String key = " WHERE device_id = ? AND metric = ? AND day = ?";
    insertSample =
        session.prepare(
            "INSERT INTO "
                + ks
                + "samples_by_series_day (device_id, metric, day, ts, value)"
                + " VALUES (?, ?, ?, ?, ?)");
    selectSamples =
        session.prepare(
            "SELECT ts, value FROM "
                + ks
                + "samples_by_series_day"
                + key
                + " AND ts >= ? AND ts <= ?");
    insertInterval =
        session.prepare(
            "INSERT INTO "
                + ks
                + "intervals_by_series_day (device_id, metric, day, interval_start,"
                + " interval_end, amount, covered_seconds, gap_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    String intervalColumns = "interval_start, interval_end, amount, covered_seconds, gap_seconds";
    selectIntervals =
        session.prepare(
            "SELECT " + intervalColumns + " FROM " + ks + "intervals_by_series_day" + key);
    selectInterval =
        session.prepare(
            "SELECT "
                + intervalColumns
                + " FROM "
                + ks
                + "intervals_by_series_day"
                + key
                + " AND interval_start = ?");
    insertGap =
        session.prepare(
            "INSERT INTO "
                + ks
                + "gaps_by_series_day (device_id, metric, day, gap_start, gap_end,"
                + " reason, unattributed) VALUES (?, ?, ?, ?, ?, ?, ?)");
    selectGaps =
        session.prepare(
            "SELECT gap_start, gap_end, reason, unattributed FROM "
                + ks
                + "gaps_by_series_day"
                + key);
    insertPeak =
        session.prepare(
            "INSERT INTO "
                + ks
                + "peaks_by_series_period (device_id, metric, period,"
                + " interval_start, demand) VALUES (?, ?, ?, ?, ?)");
    String enpiColumns =
        "through_day, closed, energy_kwh, units, specific_energy_kwh_per_unit, idle_energy_kwh,"
            + " idle_intervals, base_load_kw";
    insertEnpi =
        session.prepare(
            "INSERT INTO "
                + ks
                + "enpi_by_machine_period (site_id, machine_id, period, "
                + enpiColumns
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    selectEnpi =
        session.prepare(
            "SELECT "
                + enpiColumns
                + " FROM "
                + ks
                + "enpi_by_machine_period WHERE site_id = ? AND machine_id = ? AND period = ?");
    selectPeak =
        session.prepare(
            "SELECT interval_start, demand FROM "
                + ks
                + "peaks_by_series_period"
                + " WHERE device_id = ? AND metric = ? AND period = ?");
  }

  @Override
  public CompletionStage<Void> write(ReadModelChanges changes) {
    SeriesKey series = changes.series();
    String device = series.deviceId();
    String metric = series.metric();
    List<CompletableFuture<?>> writes = new ArrayList<>();
    changes
        .samples()
        .forEach(
            (day, samples) ->
                inPartitionBatches(
                    samples.stream()
                        .map(s -> insertSample.bind(device, metric, day, s.time(), s.value()))
                        .toList(),
                    writes));
    changes
        .intervals()
        .forEach(
            (day, intervals) ->
                inPartitionBatches(
                    intervals.stream()
                        .map(
                            i ->
                                insertInterval.bind(
                                    device,
                                    metric,
                                    day,
                                    i.start(),
                                    i.end(),
                                    i.amount(),
                                    i.coveredSeconds(),
                                    i.gapSeconds()))
                        .toList(),
                    writes));
    changes
        .gaps()
        .forEach(
            (day, gaps) ->
                inPartitionBatches(
                    gaps.stream()
                        .map(
                            g ->
                                insertGap.bind(
                                    device,
                                    metric,
                                    day,
                                    g.start(),
                                    g.end(),
                                    g.reason().name(),
                                    g.unattributed()))
                        .toList(),
                    writes));
    for (PeakDemand peak : changes.peaks()) {
      writes.add(
          execute(
              insertPeak.bind(
                  device,
                  metric,
                  peak.period().toString(),
                  peak.intervalStart(),
                  peak.demandKw())));
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
  }

  /**
   * Rows of one partition go as unlogged batches of at most {@link #ROWS_PER_BATCH} (one mutation
   * on one replica set, no batch log), each started as soon as a slot is free.
   */
  private void inPartitionBatches(List<BoundStatement> rows, List<CompletableFuture<?>> writes) {
    for (int i = 0; i < rows.size(); i += ROWS_PER_BATCH) {
      List<BoundStatement> part = rows.subList(i, Math.min(rows.size(), i + ROWS_PER_BATCH));
      writes.add(
          execute(
              part.size() == 1
                  ? part.get(0)
                  : BatchStatement.newInstance(BatchType.UNLOGGED).addAll(part)));
    }
  }

  /**
   * Starts a statement once fewer than the in-flight limit are running; never on the caller's lock.
   */
  private CompletableFuture<?> execute(Statement<?> statement) {
    inFlight.acquireUninterruptibly();
    try {
      return session
          .executeAsync(statement)
          .whenComplete((rs, e) -> inFlight.release())
          .toCompletableFuture();
    } catch (RuntimeException e) {
      inFlight.release();
      throw e;
    }
  }

  @Override
  public List<Sample> samples(SeriesKey series, List<LocalDate> days, Instant from, Instant to) {
    List<Sample> samples = new ArrayList<>();
    for (LocalDate day : days) {
      for (Row row :
          session.execute(selectSamples.bind(series.deviceId(), series.metric(), day, from, to))) {
        samples.add(new Sample(row.getInstant(0), row.getDouble(1)));
      }
    }
    return samples;
  }

  @Override
  public List<IntervalEnergy> intervals(SeriesKey series, LocalDate day) {
    List<IntervalEnergy> intervals = new ArrayList<>();
    for (Row row : session.execute(selectIntervals.bind(series.deviceId(), series.metric(), day))) {
      intervals.add(interval(row));
    }
    return intervals;
  }

  @Override
  public Optional<IntervalEnergy> interval(SeriesKey series, LocalDate day, Instant start) {
    Row row =
        session.execute(selectInterval.bind(series.deviceId(), series.metric(), day, start)).one();
    return Optional.ofNullable(row).map(CassandraEnergyStore::interval);
  }

  private static IntervalEnergy interval(Row row) {
    return new IntervalEnergy(
        row.getInstant(0), row.getInstant(1), row.getDouble(2), row.getDouble(3), row.getDouble(4));
  }

  @Override
  public List<Gap> gaps(SeriesKey series, LocalDate day) {
    List<Gap> gaps = new ArrayList<>();
    for (Row row : session.execute(selectGaps.bind(series.deviceId(), series.metric(), day))) {
      gaps.add(
          new Gap(
              row.getInstant(0),
              row.getInstant(1),
              Gap.Reason.valueOf(row.getString(2)),
              row.getDouble(3)));
    }
    return gaps;
  }

  @Override
  public CompletionStage<Void> write(PeriodEnpi enpi) {
    EnergyPerformance p = enpi.performance();
    return execute(
            insertEnpi.bind(
                enpi.siteId(),
                enpi.machineId(),
                enpi.period().toString(),
                enpi.through(),
                enpi.closed(),
                p.energyKwh(),
                p.units(),
                p.specificEnergyKwhPerUnit(),
                p.idleEnergyKwh(),
                p.idleIntervals(),
                p.baseLoadKw()))
        .thenApply(rs -> null);
  }

  @Override
  public Optional<PeriodEnpi> enpi(String siteId, String machineId, YearMonth period) {
    Row row = session.execute(selectEnpi.bind(siteId, machineId, period.toString())).one();
    return Optional.ofNullable(row)
        .map(
            r ->
                new PeriodEnpi(
                    siteId,
                    machineId,
                    period,
                    r.getLocalDate(0),
                    r.getBoolean(1),
                    new EnergyPerformance(
                        r.getDouble(2),
                        r.getDouble(3),
                        r.getDouble(4),
                        r.getDouble(5),
                        r.getInt(6),
                        r.getDouble(7))));
  }

  @Override
  public Optional<PeakDemand> peak(SeriesKey series, YearMonth period) {
    Row row =
        session
            .execute(selectPeak.bind(series.deviceId(), series.metric(), period.toString()))
            .one();
    return Optional.ofNullable(row)
        .map(r -> new PeakDemand(period, r.getInstant(0), r.getDouble(1)));
  }
}
