package io.plantline.energy.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the energy read model from samples as they arrive, in any order and any number of times.
 *
 * <p>The samples of a batch are stored under their times; then every interval their neighbouring
 * segments can touch (those within {@code maxGap} of one) is recomputed once from the samples
 * around them and overwritten, together with the period's peak. So an interval's figures are a
 * function of the stored samples alone: a replayed or late sample gives the same read model as an
 * in-order one. The samples around them come from memory ({@link RecentSeries}: the recent samples
 * of each series, read from the store when missing, bounded by {@code retention}); {@link
 * #forgetRecent()} drops that memory, for example when Kafka partitions move or a write failed.
 *
 * <p>When a series enters a new site-local day, or a batch changes intervals of an earlier day, the
 * EnPIs of the machines it measures are computed for the billing period through the last closed day
 * and stored ({@link PeriodEnpi}), so the stored row follows late samples too.
 *
 * <p>For the site's billing meter it forecasts the running interval's demand at each new sample and
 * reports a {@link LedgerFinding.DemandAlert} once per interval; for machines with a production
 * counter it reports runs of idle intervals. Those two keep small in-memory state per meter and
 * machine (which interval alerted, the current idle run); after a restart a replayed alert has the
 * same interval, so its published ids repeat. One series must be recorded by one thread at a time.
 */
public final class EnergyLedger {
  /** Default time samples are held behind the newest recorded one of a series. */
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(2);

  private final EnergyStore store;
  private final Duration retention;
  private final Map<SeriesKey, RecentSeries> recent = new ConcurrentHashMap<>();
  private final Map<String, Instant> alerted = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastClosed = new ConcurrentHashMap<>();
  private final Map<String, IdleRun> idleRuns = new ConcurrentHashMap<>();
  private final PeriodEnpis enpis;

  private record IdleRun(Instant from, Instant to, double kwh, int intervals) {}

  /**
   * The result of recording a batch.
   *
   * @param written completes when the batch's rows are in the store
   * @param findings what the batch's new samples showed, to publish once written
   * @param rows how many rows were written
   */
  public record Recorded(CompletionStage<Void> written, List<LedgerFinding> findings, int rows) {}

  /** A ledger over {@code store} holding {@link #DEFAULT_RETENTION} of samples per series. */
  public EnergyLedger(EnergyStore store) {
    this(store, DEFAULT_RETENTION);
  }

  /**
   * A ledger over {@code store}.
   *
   * @param retention how long samples are held behind the newest one of a series (at least four
   *     times {@code maxGap} plus two intervals are held whatever this says)
   */
  public EnergyLedger(EnergyStore store, Duration retention) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention: must be positive, was " + retention);
    }
    this.store = store;
    this.retention = retention;
    this.enpis = new PeriodEnpis(store, recent::get);
  }

  /**
   * Records one sample, waits until it is written and returns what it found.
   *
   * @param powerKw the meter's active power reported with the sample, if any (for forecasts)
   */
  public List<LedgerFinding> record(
      SiteEnergy site, MeterSeries series, Sample sample, java.util.OptionalDouble powerKw) {
    Recorded recorded = record(site, series, List.of(new MeterReading(sample, powerKw)));
    recorded.written().toCompletableFuture().join();
    return recorded.findings();
  }

  /**
   * Records a batch of readings of {@code series} (a meter's counter or power, or a machine's
   * production counter) in their arrival order: holds and writes the samples, recomputes each
   * touched interval once, and returns the writes in progress with the findings.
   */
  public Recorded record(SiteEnergy site, MeterSeries series, List<MeterReading> readings) {
    if (readings.isEmpty()) {
      return new Recorded(CompletableFuture.completedFuture(null), List.of(), 0);
    }
    SeriesKey key = SeriesKey.of(series);
    BillingGrid grid = site.grid();
    Duration maxGap = series.spec().maxGap();
    Duration held = held(grid, maxGap);
    RecentSeries memory = recent.computeIfAbsent(key, RecentSeries::new);
    ReadModelChanges.Builder changes = new ReadModelChanges.Builder(key, grid);
    List<LedgerFinding> findings = new ArrayList<>();
    Map<YearMonth, LocalDate> closedPeriods;
    synchronized (memory) {
      NavigableMap<Instant, Instant> touched = touchedRanges(grid, maxGap, readings);
      touched.forEach(
          (from, to) -> memory.cover(store, grid, from.minus(maxGap), to.plus(maxGap), held));
      Instant newestBefore = memory.newest();
      Instant newestRecorded = null;
      for (MeterReading r : readings) {
        memory.put(r.sample());
        changes.sample(r.sample());
        Instant t = r.sample().time();
        newestRecorded = newestRecorded == null || t.isAfter(newestRecorded) ? t : newestRecorded;
      }
      NavigableMap<Instant, Consumption> consumptionByRange = new TreeMap<>();
      NavigableMap<Instant, IntervalEnergy> intervals = new TreeMap<>();
      touched.forEach(
          (from, to) -> {
            List<Sample> window = memory.samples(from.minus(maxGap), to.plus(maxGap));
            Consumption consumption =
                series.hasCounter()
                    ? CounterConsumption.of(window, series.spec())
                    : PowerIntegration.of(window, maxGap);
            consumptionByRange.put(from, consumption);
            intervals.putAll(Intervals.of(consumption, grid).subMap(from, true, to, false));
            for (Gap gap : consumption.gaps()) {
              if (!gap.end().isBefore(from)) {
                changes.gap(gap);
              }
            }
          });
      for (IntervalEnergy interval : intervals.values()) {
        changes.interval(interval);
        memory.put(interval);
      }
      updatePeaks(key, grid, memory, intervals, changes);
      if (isMeter(site, series)) {
        findings(site, series, readings, newestBefore, consumptionByRange, intervals, findings);
      }
      memory.dropBefore(newestRecorded.minus(held));
      closedPeriods =
          PeriodEnpis.closedPeriods(grid, newestBefore, memory.newest(), intervals.keySet());
    }
    ReadModelChanges rows = changes.build();
    CompletionStage<Void> written = store.write(rows);
    for (LocalDate through : closedPeriods.values()) {
      for (Machine machine : site.machines()) {
        if (series.equals(machine.production())
            || (isMeter(site, series) && machine.meterId().equals(series.deviceId()))) {
          written = written.thenCombine(enpis.write(site, machine, through), (a, b) -> null);
        }
      }
    }
    return new Recorded(written, findings, rows.rowCount());
  }

  /** Drops every series' recent samples; they are read from the store again when needed. */
  public void forgetRecent() {
    recent.clear();
  }

  /** Samples held in memory, over all series. */
  public long heldSamples() {
    return recent.values().stream().mapToLong(RecentSeries::size).sum();
  }

  /** Reads of samples from the store so far (cache misses), over the series held. */
  public long sampleReads() {
    return recent.values().stream().mapToLong(RecentSeries::storeReads).sum();
  }

  private Duration held(BillingGrid grid, Duration maxGap) {
    Duration needed = maxGap.multipliedBy(4).plus(grid.interval().multipliedBy(2));
    return retention.compareTo(needed) >= 0 ? retention : needed;
  }

  /**
   * The intervals the readings' segments can reach, {@code [from, to)} by from, overlapping ranges
   * merged.
   */
  private static NavigableMap<Instant, Instant> touchedRanges(
      BillingGrid grid, Duration maxGap, List<MeterReading> readings) {
    NavigableMap<Instant, Instant> byFrom = new TreeMap<>();
    for (MeterReading r : readings) {
      Instant t = r.sample().time();
      Instant from = grid.intervalStart(t.minus(maxGap));
      Instant to = grid.intervalEnd(grid.intervalStart(t.plus(maxGap)));
      byFrom.merge(from, to, (a, b) -> a.isAfter(b) ? a : b);
    }
    NavigableMap<Instant, Instant> merged = new TreeMap<>();
    Map.Entry<Instant, Instant> open = null;
    for (Map.Entry<Instant, Instant> range : byFrom.entrySet()) {
      if (open != null && !range.getKey().isAfter(open.getValue())) {
        Instant to = range.getValue().isAfter(open.getValue()) ? range.getValue() : open.getValue();
        open = Map.entry(open.getKey(), to);
      } else {
        if (open != null) {
          merged.put(open.getKey(), open.getValue());
        }
        open = range;
      }
    }
    merged.put(open.getKey(), open.getValue());
    return merged;
  }

  private static boolean isMeter(SiteEnergy site, MeterSeries series) {
    return site.meter(series.deviceId()).filter(series::equals).isPresent();
  }

  /**
   * The findings of the readings that were the newest of their series when they arrived, in arrival
   * order, each seeing the energy up to its own time.
   */
  private void findings(
      SiteEnergy site,
      MeterSeries series,
      List<MeterReading> readings,
      Instant newestBefore,
      NavigableMap<Instant, Consumption> consumptionByRange,
      NavigableMap<Instant, IntervalEnergy> intervals,
      List<LedgerFinding> findings) {
    Instant newest = newestBefore;
    for (MeterReading r : readings) {
      Instant t = r.sample().time();
      if (newest != null && t.isBefore(newest)) {
        continue;
      }
      newest = t;
      if (series.deviceId().equals(site.billingMeter())) {
        Consumption consumption = consumptionByRange.floorEntry(t).getValue();
        forecast(site, series, r, consumption, findings);
      }
      idle(site, series, t, intervals, findings);
    }
  }

  private void forecast(
      SiteEnergy site,
      MeterSeries series,
      MeterReading reading,
      Consumption consumption,
      List<LedgerFinding> findings) {
    BillingGrid grid = site.grid();
    Instant at = reading.sample().time();
    Instant current = grid.intervalStart(at);
    Instant previous = alerted.get(series.deviceId());
    if (previous != null && previous.isBefore(current)) {
      alerted.remove(series.deviceId(), previous);
      double demand =
          recentInterval(SeriesKey.of(series), grid, previous)
              .map(IntervalEnergy::demand)
              .orElse(0.0);
      findings.add(
          new LedgerFinding.DemandAlertOver(
              site, series.deviceId(), previous, grid.intervalEnd(previous), demand, at));
    }
    double soFar = energyBetween(consumption.segments(), current, at);
    double power = reading.powerKw().orElse(rateUntil(consumption.segments(), at));
    Optional<DemandForecast> alert = site.limiter().alert(at, soFar, power);
    if (alert.isPresent() && !current.equals(alerted.put(series.deviceId(), current))) {
      findings.add(new LedgerFinding.DemandAlert(site, series.deviceId(), alert.get()));
    }
  }

  private void idle(
      SiteEnergy site,
      MeterSeries series,
      Instant at,
      NavigableMap<Instant, IntervalEnergy> intervals,
      List<LedgerFinding> findings) {
    BillingGrid grid = site.grid();
    Instant closed = grid.intervalStart(grid.intervalStart(at).minusNanos(1));
    Instant before = lastClosed.put(series.deviceId(), closed);
    if (closed.equals(before) || !intervals.containsKey(closed)) {
      return;
    }
    IntervalEnergy energy = intervals.get(closed);
    for (Machine machine : site.machines()) {
      if (!machine.meterId().equals(series.deviceId()) || machine.production() == null) {
        continue;
      }
      double units =
          recentInterval(SeriesKey.of(machine.production()), grid, closed)
              .map(IntervalEnergy::amount)
              .orElse(0.0);
      if (units > 0 || energy.demand() <= machine.idleKw()) {
        idleRuns.remove(machine.id());
        continue;
      }
      IdleRun run =
          idleRuns.merge(
              machine.id(),
              new IdleRun(closed, energy.end(), energy.amount(), 1),
              (old, add) ->
                  new IdleRun(old.from(), add.to(), old.kwh() + add.kwh(), old.intervals() + 1));
      if (run.intervals() == machine.idleIntervals()) {
        findings.add(
            new LedgerFinding.IdleEnergy(
                site, machine, run.from(), run.to(), run.kwh(), run.intervals(), at));
      }
    }
  }

  /** An interval of a series as last computed here, else as stored. */
  private Optional<IntervalEnergy> recentInterval(SeriesKey key, BillingGrid grid, Instant start) {
    RecentSeries memory = recent.get(key);
    Optional<IntervalEnergy> held = memory == null ? Optional.empty() : memory.interval(start);
    return held.isPresent() ? held : store.interval(key, grid.day(start), start);
  }

  /** Peaks: a higher interval replaces the period's peak, and so does a changed peak interval. */
  private void updatePeaks(
      SeriesKey key,
      BillingGrid grid,
      RecentSeries memory,
      NavigableMap<Instant, IntervalEnergy> intervals,
      ReadModelChanges.Builder changes) {
    Map<YearMonth, PeakDemand> changed = new TreeMap<>();
    for (IntervalEnergy interval : intervals.values()) {
      YearMonth period = grid.period(interval.start());
      Optional<PeakDemand> stored = memory.peak(period, () -> store.peak(key, period));
      boolean higher = stored.isEmpty() || interval.demand() > stored.get().demandKw();
      boolean samePeakChanged =
          stored.isPresent()
              && stored.get().intervalStart().equals(interval.start())
              && stored.get().demandKw() != interval.demand();
      if (higher || samePeakChanged) {
        PeakDemand peak = new PeakDemand(period, interval.start(), interval.demand());
        memory.peak(peak);
        changed.put(period, peak);
      }
    }
    changed.values().forEach(changes::peak);
  }

  /**
   * The energy of the segments ending in {@code (from, at]}, counting only their part after from.
   */
  static double energyBetween(List<Segment> segments, Instant from, Instant at) {
    double energy = 0;
    for (Segment s : segments) {
      if (!s.end().isAfter(from) || s.end().isAfter(at)) {
        continue;
      }
      if (s.start().isBefore(from)) {
        energy += s.amount() * Duration.between(from, s.end()).toNanos() / (s.seconds() * 1e9);
      } else {
        energy += s.amount();
      }
    }
    return energy;
  }

  /** The rate (per hour) of the last segment ending at or before {@code at}, 0 when none. */
  private static double rateUntil(List<Segment> segments, Instant at) {
    for (int i = segments.size() - 1; i >= 0; i--) {
      Segment s = segments.get(i);
      if (!s.end().isAfter(at)) {
        return s.amount() / (s.seconds() / 3600);
      }
    }
    return 0;
  }

  /** The site-local days from {@code from} to {@code to}, both included. */
  public static List<LocalDate> days(BillingGrid grid, Instant from, Instant to) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = grid.day(from); !d.isAfter(grid.day(to)); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }
}
