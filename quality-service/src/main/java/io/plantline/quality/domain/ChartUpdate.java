package io.plantline.quality.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one completed subgroup changed.
 *
 * @param point the plotted point with its violations
 * @param raised violations of rules that were not active before this point (alarm RAISED)
 * @param cleared rules that had been active and stayed quiet for {@link ControlChart#CLEAR_AFTER}
 *     points (alarm CLEARED)
 * @param frozen the Phase I outcome when this point completed the baseline and limits were frozen,
 *     else null
 * @param raisedAt for each rule raised or cleared at this point, the subgroup at which that
 *     occurrence was raised: one occurrence (one alarm) from RAISED to CLEARED
 */
public record ChartUpdate(
    ChartPoint point,
    List<Violation> raised,
    Set<Rule> cleared,
    Baseline frozen,
    Map<Rule, Long> raisedAt) {
  /** Copies the collections. */
  public ChartUpdate {
    raised = List.copyOf(raised);
    cleared = Set.copyOf(cleared);
    raisedAt = Map.copyOf(raisedAt);
  }

  /** Whether a rule was raised or cleared at this point. */
  public boolean hasTransitions() {
    return !raised.isEmpty() || !cleared.isEmpty();
  }
}
