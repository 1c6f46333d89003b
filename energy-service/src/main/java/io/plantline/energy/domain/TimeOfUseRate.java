package io.plantline.energy.domain;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An energy price that applies on some days of the week between two local times.
 *
 * @param name the rate's name, for example {@code peak}
 * @param days the days it applies on
 * @param from local start time, inclusive
 * @param to local end time, exclusive; {@code 00:00} means midnight at the end of the day; a time
 *     before {@code from} wraps past midnight (the days are those the span starts on)
 * @param pricePerKwh price per kWh, 0 or more
 */
public record TimeOfUseRate(
    String name, Set<DayOfWeek> days, LocalTime from, LocalTime to, double pricePerKwh) {

  /** Validates every component, naming it. */
  public TimeOfUseRate {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name: must not be blank");
    }
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (days == null || days.isEmpty()) {
      throw new IllegalArgumentException("days: at least one day is needed");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
    if (from.equals(to)) {
      throw new IllegalArgumentException("to: must differ from 'from' (" + from + ")");
    }
    if (!(pricePerKwh >= 0) || Double.isInfinite(pricePerKwh)) {
      throw new IllegalArgumentException("pricePerKwh: must be 0 or more, was " + pricePerKwh);
    }
  }

  /** Whether the rate applies at local time {@code t}. */
  public boolean appliesAt(LocalDateTime t) {
    LocalTime time = t.toLocalTime();
    boolean endsMidnight = to.equals(LocalTime.MIDNIGHT);
    if (endsMidnight || from.isBefore(to)) {
      return days.contains(t.getDayOfWeek())
          && !time.isBefore(from)
          && (endsMidnight || time.isBefore(to));
    }
    // wraps past midnight: the evening part on a listed day, the morning part on the day after one
    return (days.contains(t.getDayOfWeek()) && !time.isBefore(from))
        || (days.contains(t.getDayOfWeek().minus(1)) && time.isBefore(to));
  }
}
