package io.plantline.quality.domain;

/**
 * Tuning of a chart, with the usual defaults.
 *
 * @param sigmaWidth width of Shewhart limits in σ (3)
 * @param ewmaLambda EWMA weight λ, 0 &lt; λ ≤ 1 (0.2)
 * @param ewmaWidth EWMA limit width L in σ of the EWMA (3)
 * @param cusumK CUSUM reference value k in σ of the plotted mean (0.5)
 * @param cusumH CUSUM decision interval h in σ of the plotted mean (5)
 */
public record ChartSettings(
    double sigmaWidth, double ewmaLambda, double ewmaWidth, double cusumK, double cusumH) {

  /** The defaults: 3σ, λ 0.2 with L 3, k 0.5 with h 5. */
  public static final ChartSettings DEFAULTS = new ChartSettings(3, 0.2, 3, 0.5, 5);

  /** Validates each knob; messages name the field. */
  public ChartSettings {
    positive("sigmaWidth", sigmaWidth);
    if (!(ewmaLambda > 0 && ewmaLambda <= 1)) {
      throw new IllegalArgumentException("ewmaLambda: must be in (0, 1], was " + ewmaLambda);
    }
    positive("ewmaWidth", ewmaWidth);
    positive("cusumH", cusumH);
    if (!(cusumK >= 0) || !Double.isFinite(cusumK)) {
      throw new IllegalArgumentException("cusumK: must be 0 or more, was " + cusumK);
    }
  }

  private static void positive(String field, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + ": must be positive, was " + value);
    }
  }
}
