package io.plantline.quality.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The read model of the charts (port; Cassandra in production). */
public interface ChartStore {

  /** The stored state of a characteristic's chart, if any. */
  Optional<ChartState> state(String characteristicId);

  /**
   * Writes points (idempotent: a point is keyed by its subgroup number), then a new limit version
   * if one was frozen, then the state; in that order, so that a crash in between only makes a
   * replay write the same rows again.
   */
  void save(
      String characteristicId,
      List<ChartPoint> points,
      Optional<LimitVersion> frozen,
      ChartState state);

  /** The points of a characteristic between two times, oldest first. */
  List<ChartPoint> points(String characteristicId, Instant from, Instant to);

  /** Every limit version of a characteristic, newest first. */
  List<LimitVersion> limitVersions(String characteristicId);
}
