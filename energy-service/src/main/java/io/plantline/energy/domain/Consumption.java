package io.plantline.energy.domain;

import java.util.List;

/**
 * A series' consumption: segments between consecutive samples, gaps, and counter events, each list
 * in time order.
 *
 * @param segments what was consumed between samples
 * @param gaps spans with no attributable consumption
 * @param events rollovers and resets seen
 */
public record Consumption(List<Segment> segments, List<Gap> gaps, List<CounterEvent> events) {

  /** Copies the lists. */
  public Consumption {
    segments = List.copyOf(segments);
    gaps = List.copyOf(gaps);
    events = List.copyOf(events);
  }

  /** The attributed total. */
  public double total() {
    return segments.stream().mapToDouble(Segment::amount).sum();
  }

  /** What the gaps' counters say, where known. */
  public double unattributed() {
    return gaps.stream().filter(Gap::amountKnown).mapToDouble(Gap::unattributed).sum();
  }
}
