package io.plantline.quality.domain;

import java.time.Instant;
import java.util.List;

/**
 * One frozen set of limits of a characteristic, with its audit trail.
 *
 * @param characteristicId the characteristic
 * @param version 1, 2, …
 * @param limits the frozen parameters
 * @param subgroupsUsed subgroups the estimate rests on
 * @param excluded subgroups removed in Phase I
 * @param frozenAt when the limits were frozen
 * @param actor who asked for the baseline ({@code system} for the first one)
 * @param reason why
 */
public record LimitVersion(
    String characteristicId,
    int version,
    FrozenLimits limits,
    int subgroupsUsed,
    List<Long> excluded,
    Instant frozenAt,
    String actor,
    String reason) {
  /** Copies the list. */
  public LimitVersion {
    excluded = List.copyOf(excluded);
  }
}
