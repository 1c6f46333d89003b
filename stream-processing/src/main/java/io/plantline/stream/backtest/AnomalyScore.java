package io.plantline.stream.backtest;

/**
 * The backtest's per-row anomaly score in [0, 1], NAB's {@code anomaly_score}: how close the rules
 * are to raising an alarm that is not raised already.
 *
 * <ul>
 *   <li>1 exactly on the row where a rule's alarm is RAISED (the first row at or after the raise
 *       time), so NAB's threshold 1 flags exactly the rows an operator would have been alarmed at;
 *   <li>otherwise the largest, over the rules whose alarm is not active at the row, of {@code
 *       logistic(ratio) = 1 / (1 + e^(-4 (ratio - 1)))}, where {@code ratio} is the rule's figure
 *       as a share of its raise level ({@code Detector#firingRatio}: |z| / raiseZ for the
 *       statistical detectors, the distance past a threshold in units of its hysteresis band, rise
 *       / maxRise, …); 0.5 means "at the raise level", and the score stays below 1 ({@link
 *       #BELOW_RAISE} at most);
 *   <li>0 from a rule while its alarm is active (it cannot be raised again), during training, and
 *       on bad rows.
 * </ul>
 *
 * <p>A threshold sweep over the score therefore moves the raise level of every rule at once:
 * thresholds below 0.5 flag rows where the figures come near their limits, above 0.5 only rows far
 * beyond them, and 1 only the alarms.
 */
public final class AnomalyScore {
  /** The score of a row where an alarm is raised. */
  public static final double RAISED = 1.0;

  /** The largest score of any other row. */
  public static final double BELOW_RAISE = 0.999_999;

  /** Steepness of the logistic: ratio 0.5 → 0.12, 1 → 0.5, 1.5 → 0.88, 2 → 0.98. */
  static final double STEEPNESS = 4.0;

  private AnomalyScore() {}

  /** The score of a rule's firing ratio; 0 for NaN (no figure). */
  public static double ofRatio(double ratio) {
    if (Double.isNaN(ratio)) {
      return 0;
    }
    return Math.min(BELOW_RAISE, 1 / (1 + Math.exp(-STEEPNESS * (ratio - 1))));
  }
}
