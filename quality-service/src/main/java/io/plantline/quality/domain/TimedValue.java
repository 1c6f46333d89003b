package io.plantline.quality.domain;

import java.time.Instant;

/** One reading of a characteristic's metric, as read back from the time-series store. */
public record TimedValue(Instant at, double value) {}
