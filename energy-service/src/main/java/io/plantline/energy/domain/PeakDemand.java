package io.plantline.energy.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The highest interval demand of a billing period, which sets the period's demand charge.
 *
 * @param period the billing period
 * @param intervalStart the start of the interval with the highest demand (the earliest on a tie)
 * @param demandKw its demand, kW
 */
public record PeakDemand(YearMonth period, Instant intervalStart, double demandKw) {

  /** The peak of each period touched by {@code intervals}, by period. */
  public static Map<YearMonth, PeakDemand> byPeriod(
      Collection<IntervalEnergy> intervals, BillingGrid grid) {
    Map<YearMonth, PeakDemand> peaks = new TreeMap<>();
    intervals.stream()
        .sorted(Comparator.comparing(IntervalEnergy::start))
        .forEach(
            i -> {
              YearMonth period = grid.period(i.start());
              PeakDemand candidate = new PeakDemand(period, i.start(), i.demand());
              peaks.merge(period, candidate, (old, c) -> c.demandKw() > old.demandKw() ? c : old);
            });
    return peaks;
  }
}
