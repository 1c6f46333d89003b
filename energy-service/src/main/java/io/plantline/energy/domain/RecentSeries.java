package io.plantline.energy.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * What the {@link EnergyLedger} holds in memory of one series: every stored sample from {@code
 * coveredFrom} to {@code coveredTo} (read from the store on a miss, then kept up to date by the
 * ledger's own writes, since one ledger owns a series while its Kafka partition is assigned), the
 * intervals it computed lately, and the peaks of the periods it touched. Samples older than the
 * retention behind the newest recorded one are dropped, so memory stays bounded. The sample part is
 * guarded by the ledger (one batch of a series at a time); the intervals may be read by other
 * threads.
 */
final class RecentSeries {
  private final SeriesKey key;
  private final TreeMap<Instant, Double> samples = new TreeMap<>();
  private final NavigableMap<Instant, IntervalEnergy> intervals = new ConcurrentSkipListMap<>();
  private final Map<YearMonth, Optional<PeakDemand>> peaks = new HashMap<>();
  private Instant coveredFrom;
  private Instant coveredTo;
  private long storeReads;

  RecentSeries(SeriesKey key) {
    this.key = key;
  }

  /**
   * Makes sure every stored sample with {@code from <= time <= to} is held, reading what is missing
   * from the store: below the held range exactly what is missing, above it up to {@code retention}
   * ahead (so a series moving forward is read about once per retention). A range farther than the
   * retention from the held one replaces it.
   */
  void cover(EnergyStore store, BillingGrid grid, Instant from, Instant to, Duration retention) {
    if (coveredFrom != null
        && (to.isBefore(coveredFrom.minus(retention)) || from.isAfter(coveredTo.plus(retention)))) {
      samples.clear();
      coveredFrom = null;
    }
    if (coveredFrom == null) {
      coveredFrom = from;
      coveredTo = to.plus(retention);
      load(store, grid, coveredFrom, coveredTo);
      return;
    }
    if (from.isBefore(coveredFrom)) {
      load(store, grid, from, coveredFrom);
      coveredFrom = from;
    }
    if (to.isAfter(coveredTo)) {
      Instant until = to.plus(retention);
      load(store, grid, coveredTo, until);
      coveredTo = until;
    }
  }

  private void load(EnergyStore store, BillingGrid grid, Instant from, Instant to) {
    storeReads++;
    // what is held is what the store holds or is being written to it: it wins
    for (Sample s : store.samples(key, EnergyLedger.days(grid, from, to), from, to)) {
      samples.putIfAbsent(s.time(), s.value());
    }
  }

  /** The newest sample held, null when none. */
  Instant newest() {
    return samples.isEmpty() ? null : samples.lastKey();
  }

  /** Holds a recorded sample (a later one at the same time replaces it, as the upsert does). */
  void put(Sample sample) {
    samples.put(sample.time(), sample.value());
  }

  /** The held samples with {@code from <= time <= to}, in time order. */
  List<Sample> samples(Instant from, Instant to) {
    return samples.subMap(from, true, to, true).entrySet().stream()
        .map(e -> new Sample(e.getKey(), e.getValue()))
        .toList();
  }

  /** Remembers an interval as last computed. */
  void put(IntervalEnergy interval) {
    intervals.put(interval.start(), interval);
  }

  /** The intervals last computed here starting in {@code [from, to)}. */
  Map<Instant, IntervalEnergy> intervals(Instant from, Instant to) {
    return Map.copyOf(intervals.subMap(from, true, to, false));
  }

  /** The interval starting at {@code start} as last computed here, if it was. */
  Optional<IntervalEnergy> interval(Instant start) {
    return Optional.ofNullable(intervals.get(start));
  }

  /** The peak of {@code period}: held, else read once with {@code stored}. */
  Optional<PeakDemand> peak(YearMonth period, Supplier<Optional<PeakDemand>> stored) {
    return peaks.computeIfAbsent(period, p -> stored.get());
  }

  void peak(PeakDemand peak) {
    peaks.put(peak.period(), Optional.of(peak));
  }

  /** Drops samples and intervals before {@code cutoff}. */
  void dropBefore(Instant cutoff) {
    samples.headMap(cutoff, false).clear();
    intervals.headMap(cutoff, false).clear();
    if (coveredFrom != null && coveredFrom.isBefore(cutoff)) {
      coveredFrom = cutoff;
    }
  }

  /** Samples held. */
  int size() {
    return samples.size();
  }

  /** Reads of samples from the store so far. */
  long storeReads() {
    return storeReads;
  }
}
