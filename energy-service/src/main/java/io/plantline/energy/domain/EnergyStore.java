package io.plantline.energy.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The read model the {@link EnergyLedger} keeps: samples, intervals by series and site-local day,
 * gaps, peaks by billing period, and machines' EnPIs by billing period. Every write is an upsert by
 * its natural key, so writing the same changes again has no further effect.
 */
public interface EnergyStore {

  /**
   * Writes the rows of one recorded batch (upserts, possibly concurrently); completes when every
   * row is written, exceptionally when one could not be.
   */
  CompletionStage<Void> write(ReadModelChanges changes);

  /** The samples with {@code from <= time <= to}, in time order; {@code days} spans the range. */
  List<Sample> samples(SeriesKey series, List<LocalDate> days, Instant from, Instant to);

  /** The stored intervals of one day, in time order. */
  List<IntervalEnergy> intervals(SeriesKey series, LocalDate day);

  /** One stored interval. */
  Optional<IntervalEnergy> interval(SeriesKey series, LocalDate day, Instant start);

  /** The stored gaps starting on one day. */
  List<Gap> gaps(SeriesKey series, LocalDate day);

  /** The stored peak of a period. */
  Optional<PeakDemand> peak(SeriesKey series, YearMonth period);

  /** Writes a machine's EnPIs of a period (an upsert by site, machine and period). */
  CompletionStage<Void> write(PeriodEnpi enpi);

  /** The stored EnPIs of a machine in a period. */
  Optional<PeriodEnpi> enpi(String siteId, String machineId, YearMonth period);
}
