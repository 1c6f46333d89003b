package io.plantline.energy.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Consumption from a cumulative counter. Samples are put in time order first (two samples at the
 * same time keep the larger value), so the result does not depend on the order they arrived in.
 *
 * <p>Between consecutive samples {@code a} and {@code b}, {@code dt} apart:
 *
 * <ul>
 *   <li>{@code dt > maxGap}: a {@link Gap.Reason#NO_DATA} gap holding the counter's difference.
 *   <li>{@code b >= a}: a segment of {@code b - a}, unless that exceeds {@code maxRatePerHour * dt}
 *       (an {@link Gap.Reason#IMPLAUSIBLE_JUMP} gap).
 *   <li>{@code b < a} by no more than {@code noise}: a segment of 0.
 *   <li>{@code b < a}, the counter rolls over and {@code rolloverAt - a + b} is plausible: a
 *       rollover, a segment of {@code rolloverAt - a + b}.
 *   <li>otherwise, if {@code b} is a plausible count from zero: a reset (meter replaced), a segment
 *       of {@code b}; else a {@link Gap.Reason#COUNTER_REPLACED} gap of unknown amount.
 * </ul>
 */
public final class CounterConsumption {

  private CounterConsumption() {}

  /** The consumption of {@code samples}, in any order, read as {@code spec} says. */
  public static Consumption of(Collection<Sample> samples, CounterSpec spec) {
    NavigableMap<java.time.Instant, Double> ordered = inTimeOrder(samples);
    List<Segment> segments = new ArrayList<>();
    List<Gap> gaps = new ArrayList<>();
    List<CounterEvent> events = new ArrayList<>();
    Sample previous = null;
    for (var entry : ordered.entrySet()) {
      Sample current = new Sample(entry.getKey(), entry.getValue());
      if (previous != null) {
        step(previous, current, spec, segments, gaps, events);
      }
      previous = current;
    }
    return new Consumption(segments, gaps, events);
  }

  private static void step(
      Sample a,
      Sample b,
      CounterSpec spec,
      List<Segment> segments,
      List<Gap> gaps,
      List<CounterEvent> events) {
    double hours = java.time.Duration.between(a.time(), b.time()).toNanos() / 3.6e12;
    double limit = spec.maxRatePerHour() * hours + spec.noise();
    double delta = b.value() - a.value();
    boolean longGap = java.time.Duration.between(a.time(), b.time()).compareTo(spec.maxGap()) > 0;
    boolean wentDown = delta < -spec.noise();
    double wrapped = spec.rolloverAt() - a.value() + b.value();
    if (wentDown && spec.rollsOver() && wrapped >= 0 && (longGap || wrapped <= limit)) {
      events.add(new CounterEvent(b.time(), CounterEvent.Kind.ROLLOVER, a.value(), b.value()));
      delta = wrapped;
    } else if (wentDown) {
      events.add(new CounterEvent(b.time(), CounterEvent.Kind.RESET, a.value(), b.value()));
      if (!longGap && b.value() >= 0 && b.value() <= limit) {
        segments.add(new Segment(a.time(), b.time(), b.value()));
      } else {
        gaps.add(new Gap(a.time(), b.time(), Gap.Reason.COUNTER_REPLACED, Double.NaN));
      }
      return;
    }
    double amount = Math.max(0, delta);
    if (longGap) {
      gaps.add(new Gap(a.time(), b.time(), Gap.Reason.NO_DATA, amount));
    } else if (amount > limit) {
      gaps.add(new Gap(a.time(), b.time(), Gap.Reason.IMPLAUSIBLE_JUMP, amount));
    } else {
      segments.add(new Segment(a.time(), b.time(), amount));
    }
  }

  /** Time-ordered samples; of two at one time, the larger value (a deterministic choice). */
  static NavigableMap<java.time.Instant, Double> inTimeOrder(Collection<Sample> samples) {
    NavigableMap<java.time.Instant, Double> ordered = new TreeMap<>();
    for (Sample s : samples) {
      ordered.merge(s.time(), s.value(), Math::max);
    }
    return ordered;
  }
}
