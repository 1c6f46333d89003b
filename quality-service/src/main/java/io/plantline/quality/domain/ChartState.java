package io.plantline.quality.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link ControlChart} needs to carry on after a restart; immutable, stored after each
 * batch.
 *
 * @param nextNumber number of the next subgroup
 * @param pending values of the subgroup being filled
 * @param pendingWindow start of the time window being filled (time subgrouping), or null
 * @param baseline the Phase I subgroups collected so far (empty once limits are frozen)
 * @param limits the frozen limits, or null in Phase I
 * @param limitVersion version of {@code limits}, 0 before the first
 * @param pointsSinceFrozen points plotted against {@code limits}
 * @param ewma the running EWMA
 * @param cusumHigh the running C+
 * @param cusumLow the running C−
 * @param previousValue the previous individual (moving range), NaN if none
 * @param window the last points as the run rules see them
 * @param active rules that fired and have not yet cleared, with the clean points since they last
 *     fired
 * @param lastBootEpoch boot epoch of the last telemetry batch applied, -1 if none
 * @param lastSeq seq of the last telemetry batch applied, -1 if none
 * @param raisedAt for each rule in {@code active}, the subgroup at which its occurrence was raised
 *     (it names the alarm, so a clearance after a restart names the same one)
 */
public record ChartState(
    long nextNumber,
    List<Double> pending,
    Instant pendingWindow,
    List<Subgroup> baseline,
    FrozenLimits limits,
    int limitVersion,
    long pointsSinceFrozen,
    double ewma,
    double cusumHigh,
    double cusumLow,
    double previousValue,
    List<RunRules.Point> window,
    Map<Rule, Integer> active,
    long lastBootEpoch,
    long lastSeq,
    Map<Rule, Long> raisedAt) {

  /** The state of a new characteristic. */
  public static ChartState initial() {
    return new ChartState(
        1,
        List.of(),
        null,
        List.of(),
        null,
        0,
        0,
        0,
        0,
        0,
        Double.NaN,
        List.of(),
        Map.of(),
        -1,
        -1,
        Map.of());
  }

  /** Copies the collections. */
  public ChartState {
    pending = List.copyOf(pending);
    baseline = List.copyOf(baseline);
    window = List.copyOf(window);
    active = Map.copyOf(active);
    raisedAt = raisedAt == null ? Map.of() : Map.copyOf(raisedAt);
  }
}
