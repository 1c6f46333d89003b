package io.plantline.energy.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keeps the stored EnPIs of machines by billing period ({@link PeriodEnpi}) for the {@link
 * EnergyLedger}: which periods are due after a batch, and the row of one machine computed from the
 * stored intervals of its meter and production counter, overlaid with those the ledger computed and
 * has not stored yet.
 */
final class PeriodEnpis {
  private final EnergyStore store;
  private final Function<SeriesKey, RecentSeries> recent;
  private final Map<String, Object> machineLocks = new ConcurrentHashMap<>();

  /**
   * @param recent the ledger's memory of a series, null when it holds none
   */
  PeriodEnpis(EnergyStore store, Function<SeriesKey, RecentSeries> recent) {
    this.store = store;
    this.recent = recent;
  }

  /**
   * The billing periods whose stored EnPIs are due, each with the last day to include: when the
   * series entered a new day, the period of the day before; when the batch changed intervals of a
   * day before the newest one (late samples), their periods, through the day before the newest.
   */
  static Map<YearMonth, LocalDate> closedPeriods(
      BillingGrid grid, Instant newestBefore, Instant newest, Iterable<Instant> changed) {
    Map<YearMonth, LocalDate> due = new TreeMap<>();
    LocalDate today = grid.day(newest);
    LocalDate lastClosed = today.minusDays(1);
    if (newestBefore != null && today.isAfter(grid.day(newestBefore))) {
      due.put(YearMonth.from(lastClosed), lastClosed);
    }
    for (Instant start : changed) {
      LocalDate day = grid.day(start);
      if (day.isBefore(today)) {
        YearMonth period = YearMonth.from(day);
        LocalDate end = period.atEndOfMonth();
        due.put(period, end.isBefore(lastClosed) ? end : lastClosed);
      }
    }
    return due;
  }

  /**
   * Computes and writes {@code machine}'s EnPIs of the period of {@code day} through that day, from
   * the stored intervals overlaid with those computed here and not yet stored. One machine at a
   * time, and each write is started before the lock is released, so a later computation is also the
   * later write.
   */
  CompletionStage<Void> write(SiteEnergy site, Machine machine, LocalDate day) {
    Optional<MeterSeries> meter = site.meter(machine.meterId());
    if (meter.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    BillingGrid grid = site.grid();
    YearMonth period = YearMonth.from(day);
    synchronized (machineLocks.computeIfAbsent(machine.id(), id -> new Object())) {
      NavigableMap<Instant, IntervalEnergy> energy =
          periodIntervals(SeriesKey.of(meter.get()), grid, period, day);
      NavigableMap<Instant, IntervalEnergy> made =
          machine.production() == null
              ? new TreeMap<>()
              : periodIntervals(SeriesKey.of(machine.production()), grid, period, day);
      PeriodEnpi enpi =
          new PeriodEnpi(
              site.siteId(),
              machine.id(),
              period,
              day,
              day.equals(period.atEndOfMonth()),
              EnergyPerformance.of(energy.values(), made));
      return store.write(enpi);
    }
  }

  /** The intervals of {@code period} through {@code through}: stored, overlaid with recent ones. */
  private NavigableMap<Instant, IntervalEnergy> periodIntervals(
      SeriesKey key, BillingGrid grid, YearMonth period, LocalDate through) {
    NavigableMap<Instant, IntervalEnergy> intervals = new TreeMap<>();
    for (LocalDate d = period.atDay(1); !d.isAfter(through); d = d.plusDays(1)) {
      store.intervals(key, d).forEach(i -> intervals.put(i.start(), i));
    }
    RecentSeries memory = recent.apply(key);
    if (memory != null) {
      intervals.putAll(
          memory.intervals(grid.startOf(period.atDay(1)), grid.startOf(through.plusDays(1))));
    }
    return intervals;
  }
}
