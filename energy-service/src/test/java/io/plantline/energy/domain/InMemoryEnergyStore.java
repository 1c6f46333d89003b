package io.plantline.energy.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** The read model in maps, for unit tests and the computation bench. */
public final class InMemoryEnergyStore implements EnergyStore {
  final Map<SeriesKey, TreeMap<Instant, Double>> samples = new ConcurrentHashMap<>();
  final Map<SeriesKey, TreeMap<Instant, IntervalEnergy>> intervals = new ConcurrentHashMap<>();
  final Map<SeriesKey, TreeMap<Instant, Gap>> gaps = new ConcurrentHashMap<>();
  final Map<SeriesKey, Map<YearMonth, PeakDemand>> peaks = new ConcurrentHashMap<>();
  final Map<SeriesKey, Map<Instant, LocalDate>> intervalDays = new ConcurrentHashMap<>();
  final Map<String, PeriodEnpi> enpis = new ConcurrentHashMap<>();

  final java.util.concurrent.atomic.AtomicLong sampleReads =
      new java.util.concurrent.atomic.AtomicLong();

  @Override
  public CompletionStage<Void> write(ReadModelChanges changes) {
    SeriesKey series = changes.series();
    changes.samples().values().stream()
        .flatMap(List::stream)
        .forEach(
            s -> samples.computeIfAbsent(series, k -> new TreeMap<>()).put(s.time(), s.value()));
    changes
        .intervals()
        .forEach(
            (day, list) ->
                list.forEach(
                    i -> {
                      intervals.computeIfAbsent(series, k -> new TreeMap<>()).put(i.start(), i);
                      intervalDays
                          .computeIfAbsent(series, k -> new ConcurrentHashMap<>())
                          .put(i.start(), day);
                    }));
    changes.gaps().values().stream()
        .flatMap(List::stream)
        .forEach(g -> gaps.computeIfAbsent(series, k -> new TreeMap<>()).put(g.start(), g));
    changes
        .peaks()
        .forEach(
            p -> peaks.computeIfAbsent(series, k -> new ConcurrentHashMap<>()).put(p.period(), p));
    return CompletableFuture.completedFuture(null);
  }

  /** Every stored sample of a series, by time. */
  public TreeMap<Instant, Double> samples(SeriesKey series) {
    return samples.getOrDefault(series, new TreeMap<>());
  }

  @Override
  public List<Sample> samples(SeriesKey series, List<LocalDate> days, Instant from, Instant to) {
    sampleReads.incrementAndGet();
    List<Sample> result = new ArrayList<>();
    samples
        .getOrDefault(series, new TreeMap<>())
        .subMap(from, true, to, true)
        .forEach((t, v) -> result.add(new Sample(t, v)));
    return result;
  }

  @Override
  public List<IntervalEnergy> intervals(SeriesKey series, LocalDate day) {
    Map<Instant, LocalDate> days = intervalDays.getOrDefault(series, Map.of());
    return intervals(series).values().stream()
        .filter(i -> day.equals(days.get(i.start())))
        .toList();
  }

  @Override
  public CompletionStage<Void> write(PeriodEnpi enpi) {
    enpis.put(enpi.siteId() + "/" + enpi.machineId() + "/" + enpi.period(), enpi);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public Optional<PeriodEnpi> enpi(String siteId, String machineId, YearMonth period) {
    return Optional.ofNullable(enpis.get(siteId + "/" + machineId + "/" + period));
  }

  /** Every stored interval of a series. */
  public TreeMap<Instant, IntervalEnergy> intervals(SeriesKey series) {
    return intervals.getOrDefault(series, new TreeMap<>());
  }

  @Override
  public Optional<IntervalEnergy> interval(SeriesKey series, LocalDate day, Instant start) {
    return Optional.ofNullable(intervals(series).get(start));
  }

  @Override
  public List<Gap> gaps(SeriesKey series, LocalDate day) {
    return List.copyOf(gaps.getOrDefault(series, new TreeMap<>()).values());
  }

  @Override
  public Optional<PeakDemand> peak(SeriesKey series, YearMonth period) {
    return Optional.ofNullable(peaks.getOrDefault(series, Map.of()).get(period));
  }
}
