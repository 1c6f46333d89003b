package io.plantline.energy.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The billing grid of a site: intervals of a fixed length aligned to the wall clock of the site's
 * time zone (a 15-minute grid starts at :00, :15, :30 and :45 local time), and billing periods of
 * one calendar month in that zone.
 *
 * <p>The length must divide an hour, so every interval lies within one UTC offset as long as the
 * zone changes its offset on such a boundary, as every zone in use does (the check is in {@link
 * #BillingGrid}). A day has 96 quarter hours, 92 on the spring-forward day and 100 on the fall-back
 * day: the repeated local hour's intervals are distinct instants.
 *
 * @param zone the site's time zone
 * @param interval the interval length, a divisor of one hour
 */
public record BillingGrid(ZoneId zone, Duration interval) {

  /** Validates the zone and that the interval divides an hour. */
  public BillingGrid {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(interval, "interval");
    long seconds = interval.getSeconds();
    if (interval.getNano() != 0 || seconds < 60 || 3600 % seconds != 0 || seconds % 60 != 0) {
      throw new IllegalArgumentException(
          "interval: must be whole minutes dividing an hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30"
              + " or 60 min), was "
              + interval);
    }
  }

  /** The start of the interval holding {@code t}. */
  public Instant intervalStart(Instant t) {
    long offset = zone.getRules().getOffset(t).getTotalSeconds();
    long local = t.getEpochSecond() + offset;
    long length = interval.getSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(local, length) * length - offset);
  }

  /** The end of the interval starting at {@code start}, exclusive. */
  public Instant intervalEnd(Instant start) {
    Instant end = start.plus(interval);
    // an offset change inside an interval would only happen in zones shifting off the grid
    ZoneOffsetTransition next = zone.getRules().nextTransition(start);
    return next != null && next.getInstant().isBefore(end) ? next.getInstant() : end;
  }

  /** The interval length in hours. */
  public double hours() {
    return interval.getSeconds() / 3600.0;
  }

  /** The site-local calendar day of {@code t}. */
  public LocalDate day(Instant t) {
    return LocalDate.ofInstant(t, zone);
  }

  /** The billing period (calendar month in the site's zone) of {@code t}. */
  public YearMonth period(Instant t) {
    return YearMonth.from(day(t));
  }

  /** The first instant of {@code day} in the site's zone. */
  public Instant startOf(LocalDate day) {
    return day.atStartOfDay(zone).toInstant();
  }

  /** The first instant of {@code period}. */
  public Instant startOf(YearMonth period) {
    return startOf(period.atDay(1));
  }

  /** Every interval start of {@code day}, in order. */
  public List<Instant> intervalsOf(LocalDate day) {
    List<Instant> starts = new ArrayList<>();
    Instant end = startOf(day.plusDays(1));
    for (Instant t = startOf(day); t.isBefore(end); t = intervalEnd(t)) {
      starts.add(t);
    }
    return starts;
  }
}
