package io.plantline.energy.domain;

import java.time.Instant;

/**
 * Something a counter did between two samples.
 *
 * @param at the later sample's time
 * @param kind what happened
 * @param before the earlier sample's value
 * @param after the later sample's value
 */
public record CounterEvent(Instant at, Kind kind, double before, double after) {

  /** What a counter did. */
  public enum Kind {
    /** It passed its maximum and went on from zero. */
    ROLLOVER,
    /** It restarted from zero (meter replaced or reset); the new count is attributed. */
    RESET
  }
}
