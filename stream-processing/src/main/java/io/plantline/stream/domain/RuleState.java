package io.plantline.stream.domain;

/**
 * The keyed state of one rule on one device. One small mutable POJO serves every detector kind
 * (each uses the fields it documents), so the rule operator keeps all its rules in one {@code
 * MapState} with Flink's POJO serializer and no Kryo.
 */
public final class RuleState {
  /** Whether the rule's condition holds after the last evaluation. */
  public boolean active;

  /** Start of the current streak (threshold exceeded, value unchanged), or -1. */
  public long since = -1;

  /** Flatline: the value the streak started from. EWMA, level shift: the (baseline) mean. */
  public double reference;

  /** EWMA, level shift: the (baseline) variance. */
  public double variance;

  /** EWMA, level shift: samples seen. */
  public long count;

  /** Level shift: the recent level (fast mean). */
  public double recent;

  /** Time of the last reading the rule saw, or -1 (missing data). */
  public long lastTime = -1;

  /** The figure the rule judged last (a z-score, a rise, a count), for evidence. */
  public double figure;

  /** Spike count: times of the spikes inside the window, oldest first. */
  public long[] times = new long[0];

  /** A POJO needs a public no-argument constructor. */
  public RuleState() {}
}
