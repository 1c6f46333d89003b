package io.plantline.energy.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** The answers of the query API, computed from the read model with the site's tariff. */
public final class EnergyReports {
  private final EnergyStore store;

  /** Reports over {@code store}. */
  public EnergyReports(EnergyStore store) {
    this.store = store;
  }

  /**
   * A meter's load profile of one site-local day: each interval with its demand and cost.
   *
   * @param intervals the stored intervals
   * @param costs their costs, in the same order
   * @param gaps the day's reported gaps
   */
  public record LoadProfile(
      List<IntervalEnergy> intervals, List<IntervalCost> costs, List<Gap> gaps) {}

  /** The load profile of {@code meter} on {@code day}. */
  public LoadProfile loadProfile(SiteEnergy site, MeterSeries meter, LocalDate day) {
    SeriesKey key = SeriesKey.of(meter);
    List<IntervalEnergy> intervals = store.intervals(key, day);
    return new LoadProfile(
        intervals, Bill.intervalCosts(intervals, site.tariff(), site.grid()), store.gaps(key, day));
  }

  /** The bill of {@code meter} for {@code period} (energy by rate, peak, demand charge). */
  public Bill bill(SiteEnergy site, MeterSeries meter, YearMonth period) {
    return Bill.of(
        period, periodIntervals(SeriesKey.of(meter), period), site.tariff(), site.grid());
  }

  /** The stored peak of {@code meter} in {@code period}. */
  public Optional<PeakDemand> peak(MeterSeries meter, YearMonth period) {
    return store.peak(SeriesKey.of(meter), period);
  }

  /** The energy performance of {@code machine} on each day from {@code from} to {@code to}. */
  public Map<LocalDate, EnergyPerformance> enpiByDay(
      SiteEnergy site, Machine machine, LocalDate from, LocalDate to) {
    MeterSeries meter = site.meter(machine.meterId()).orElseThrow();
    Map<LocalDate, EnergyPerformance> days = new LinkedHashMap<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      List<IntervalEnergy> energy = store.intervals(SeriesKey.of(meter), day);
      days.put(day, EnergyPerformance.of(energy, production(machine, day)));
    }
    return days;
  }

  /** The stored EnPIs of {@code machine} in {@code period} (through the last closed day). */
  public Optional<PeriodEnpi> enpiOfPeriod(SiteEnergy site, Machine machine, YearMonth period) {
    return store.enpi(site.siteId(), machine.id(), period);
  }

  /** Baseline points (one per day with energy) of {@code machine}, from {@link #enpiByDay}. */
  public static List<BaselinePoint> baselinePoints(Map<LocalDate, EnergyPerformance> days) {
    List<BaselinePoint> points = new ArrayList<>();
    days.forEach(
        (day, p) -> {
          if (p.energyKwh() > 0) {
            points.add(BaselinePoint.of(day, p.energyKwh(), p.units()));
          }
        });
    return points;
  }

  /** Energy and cost per machine of {@code line} in {@code period}, by machine id. */
  public Map<String, Bill> lineCost(SiteEnergy site, String line, YearMonth period) {
    Map<String, Bill> bills = new TreeMap<>();
    for (Machine machine : site.machines()) {
      if (machine.line().equals(line)) {
        bills.put(machine.id(), bill(site, site.meter(machine.meterId()).orElseThrow(), period));
      }
    }
    return bills;
  }

  private Map<Instant, IntervalEnergy> production(Machine machine, LocalDate day) {
    NavigableMap<Instant, IntervalEnergy> made = new TreeMap<>();
    if (machine.production() != null) {
      store.intervals(SeriesKey.of(machine.production()), day).forEach(i -> made.put(i.start(), i));
    }
    return made;
  }

  private List<IntervalEnergy> periodIntervals(SeriesKey key, YearMonth period) {
    List<IntervalEnergy> intervals = new ArrayList<>();
    for (LocalDate day = period.atDay(1);
        !day.isAfter(period.atEndOfMonth());
        day = day.plusDays(1)) {
      intervals.addAll(store.intervals(key, day));
    }
    return intervals;
  }
}
