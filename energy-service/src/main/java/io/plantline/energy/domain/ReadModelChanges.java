package io.plantline.energy.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rows one recorded batch of a series changes, grouped by site-local day (the partitions of the
 * read model): its samples (one per time), the intervals recomputed once each, the gaps found, the
 * billing periods whose peak changed. Every row is an upsert by its natural key.
 *
 * @param series the series
 * @param samples new samples by day, one per time
 * @param intervals recomputed intervals by day
 * @param gaps gaps by the day they start
 * @param peaks periods whose peak changed
 */
public record ReadModelChanges(
    SeriesKey series,
    SortedMap<LocalDate, List<Sample>> samples,
    SortedMap<LocalDate, List<IntervalEnergy>> intervals,
    SortedMap<LocalDate, List<Gap>> gaps,
    List<PeakDemand> peaks) {

  /** Copies the collections. */
  public ReadModelChanges {
    samples = copy(samples);
    intervals = copy(intervals);
    gaps = copy(gaps);
    peaks = List.copyOf(peaks);
  }

  private static <T> SortedMap<LocalDate, List<T>> copy(Map<LocalDate, List<T>> byDay) {
    SortedMap<LocalDate, List<T>> copy = new TreeMap<>();
    byDay.forEach((day, rows) -> copy.put(day, List.copyOf(rows)));
    return java.util.Collections.unmodifiableSortedMap(copy);
  }

  /** How many rows the changes write. */
  public int rowCount() {
    return count(samples) + count(intervals) + count(gaps) + peaks.size();
  }

  private static int count(Map<LocalDate, ? extends List<?>> byDay) {
    return byDay.values().stream().mapToInt(List::size).sum();
  }

  /** Collects the changes of one series. */
  static final class Builder {
    private final SeriesKey series;
    private final BillingGrid grid;
    private final SortedMap<LocalDate, TreeMap<Instant, Sample>> samples = new TreeMap<>();
    private final SortedMap<LocalDate, List<IntervalEnergy>> intervals = new TreeMap<>();
    private final SortedMap<LocalDate, List<Gap>> gaps = new TreeMap<>();
    private final List<PeakDemand> peaks = new ArrayList<>();

    Builder(SeriesKey series, BillingGrid grid) {
      this.series = series;
      this.grid = grid;
    }

    /** A sample; a later one at the same time replaces it (as the upsert does). */
    void sample(Sample sample) {
      samples
          .computeIfAbsent(grid.day(sample.time()), d -> new TreeMap<>())
          .put(sample.time(), sample);
    }

    void interval(IntervalEnergy interval) {
      intervals.computeIfAbsent(grid.day(interval.start()), d -> new ArrayList<>()).add(interval);
    }

    void gap(Gap gap) {
      gaps.computeIfAbsent(grid.day(gap.start()), d -> new ArrayList<>()).add(gap);
    }

    void peak(PeakDemand peak) {
      peaks.add(peak);
    }

    ReadModelChanges build() {
      SortedMap<LocalDate, List<Sample>> byDay = new TreeMap<>();
      samples.forEach((day, byTime) -> byDay.put(day, List.copyOf(byTime.values())));
      return new ReadModelChanges(series, byDay, intervals, gaps, peaks);
    }
  }
}
