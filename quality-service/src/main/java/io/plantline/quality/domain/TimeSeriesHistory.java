package io.plantline.quality.domain;

import java.time.Instant;
import java.util.List;

/** Past readings of a metric from the time-series store (port). */
public interface TimeSeriesHistory {

  /** The readings of {@code metric} of {@code deviceId} not of quality BAD, in time order. */
  List<TimedValue> readings(String deviceId, String metric, Instant from, Instant to);
}
