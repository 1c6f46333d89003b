package io.plantline.energy.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Spreads a series' consumption over the billing grid: each segment evenly over its span (the
 * samples are at most {@code maxGap} apart), each gap only as gap time, so the intervals' amounts
 * add up to the attributed consumption exactly.
 */
public final class Intervals {

  private Intervals() {}

  /** The intervals touched by {@code consumption}, by start. */
  public static NavigableMap<Instant, IntervalEnergy> of(
      Consumption consumption, BillingGrid grid) {
    NavigableMap<Instant, IntervalEnergy> intervals = new TreeMap<>();
    for (Segment s : consumption.segments()) {
      spread(s.start(), s.end(), s.amount(), false, grid, intervals);
    }
    for (Gap g : consumption.gaps()) {
      spread(g.start(), g.end(), 0, true, grid, intervals);
    }
    return intervals;
  }

  /** The intervals of {@code intervals} starting in {@code [from, to)}, summed. */
  public static double total(Collection<IntervalEnergy> intervals, Instant from, Instant to) {
    return intervals.stream()
        .filter(i -> !i.start().isBefore(from) && i.start().isBefore(to))
        .mapToDouble(IntervalEnergy::amount)
        .sum();
  }

  private static void spread(
      Instant start,
      Instant end,
      double amount,
      boolean gap,
      BillingGrid grid,
      NavigableMap<Instant, IntervalEnergy> intervals) {
    double total = nanos(start, end);
    Instant t = start;
    while (t.isBefore(end)) {
      Instant intervalStart = grid.intervalStart(t);
      Instant intervalEnd = grid.intervalEnd(intervalStart);
      Instant partEnd = intervalEnd.isBefore(end) ? intervalEnd : end;
      double share = nanos(t, partEnd);
      // the last part takes the remainder, so the parts add up to the amount exactly
      double part = partEnd.equals(end) ? amount : amount * share / total;
      amount -= part;
      total -= share;
      double seconds = share / 1e9;
      intervals.merge(
          intervalStart,
          new IntervalEnergy(
              intervalStart, intervalEnd, part, gap ? 0 : seconds, gap ? seconds : 0),
          (old, add) -> old.plus(add.amount(), add.coveredSeconds(), add.gapSeconds()));
      t = partEnd;
    }
  }

  private static double nanos(Instant from, Instant to) {
    return Duration.between(from, to).toNanos();
  }
}
