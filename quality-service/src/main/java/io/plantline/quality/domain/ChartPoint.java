package io.plantline.quality.domain;

import java.time.Instant;
import java.util.List;

/**
 * A plotted subgroup.
 *
 * @param subgroup the subgroup (its number, time and raw values)
 * @param value the plotted statistic (X̄, I, EWMA, C+, p, np, c or u)
 * @param secondary the companion statistic (R, S, MR, C−), NaN if none
 * @param limits the limits at this point, null while the chart is in Phase I (baseline)
 * @param limitVersion the version of the frozen limits, 0 in Phase I
 * @param violations the rules that fired at this point
 */
public record ChartPoint(
    Subgroup subgroup,
    double value,
    double secondary,
    PointLimits limits,
    int limitVersion,
    List<Violation> violations) {

  /** Copies the list. */
  public ChartPoint {
    violations = List.copyOf(violations);
  }

  /** The subgroup's number. */
  public long number() {
    return subgroup.number();
  }

  /** When the subgroup was complete. */
  public Instant at() {
    return subgroup.at();
  }
}
