package io.plantline.energy.domain;

import java.util.List;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * An energy baseline in the spirit of ISO 50006: ordinary least squares of energy against
 * production, and against degree-days too when every baseline point has them: {@code E = b0 + b1 ×
 * production [+ b2 × degreeDays]}. {@code b0} is the fixed (base) energy per period, {@code b1} the
 * marginal energy per unit.
 *
 * @param intercept {@code b0}, energy per period independent of the variables
 * @param perUnit {@code b1}, energy per unit produced
 * @param perDegreeDay {@code b2}, energy per degree-day, 0 when not modelled
 * @param usesDegreeDays whether degree-days are a variable of the model
 * @param rSquared coefficient of determination on the baseline points
 * @param observations how many points the model was fitted on
 */
public record EnergyBaseline(
    double intercept,
    double perUnit,
    double perDegreeDay,
    boolean usesDegreeDays,
    double rSquared,
    int observations) {

  /** ISO 50006 guidance often takes a model as adequate from this R² on. */
  public static final double ADEQUATE_R_SQUARED = 0.75;

  /**
   * Fits a model to {@code points}.
   *
   * @throws IllegalArgumentException when there are too few points for the variables (at least two
   *     more than the coefficients) or a variable does not vary
   */
  public static EnergyBaseline fit(List<BaselinePoint> points) {
    boolean degreeDays =
        !points.isEmpty() && points.stream().allMatch(BaselinePoint::hasDegreeDays);
    int variables = degreeDays ? 2 : 1;
    if (points.size() < variables + 3) {
      throw new IllegalArgumentException(
          "baseline: needs at least "
              + (variables + 3)
              + " periods for "
              + variables
              + " variable(s), got "
              + points.size());
    }
    double[] y = new double[points.size()];
    double[][] x = new double[points.size()][variables];
    for (int i = 0; i < points.size(); i++) {
      BaselinePoint p = points.get(i);
      y[i] = p.energyKwh();
      x[i][0] = p.production();
      if (degreeDays) {
        x[i][1] = p.degreeDays();
      }
    }
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    try {
      ols.newSampleData(y, x);
      double[] b = ols.estimateRegressionParameters();
      double r2 = ols.calculateRSquared();
      return new EnergyBaseline(b[0], b[1], degreeDays ? b[2] : 0, degreeDays, r2, points.size());
    } catch (org.apache.commons.math3.linear.SingularMatrixException e) {
      throw new IllegalArgumentException(
          "baseline: the variables do not vary independently over the baseline periods", e);
    }
  }

  /** Whether R² reaches {@link #ADEQUATE_R_SQUARED}. */
  public boolean adequate() {
    return rSquared >= ADEQUATE_R_SQUARED;
  }

  /** The energy the baseline expects for a period with {@code point}'s variables. */
  public double expectedKwh(BaselinePoint point) {
    double dd = usesDegreeDays ? point.degreeDays() : 0;
    if (usesDegreeDays && Double.isNaN(dd)) {
      throw new IllegalArgumentException("degreeDays: the baseline needs them for " + point.day());
    }
    return intercept + perUnit * point.production() + perDegreeDay * dd;
  }

  /** The improvement over the reporting periods against this baseline. */
  public Improvement improvement(List<BaselinePoint> reporting) {
    double expected = 0;
    double actual = 0;
    for (BaselinePoint p : reporting) {
      expected += expectedKwh(p);
      actual += p.energyKwh();
    }
    double saved = expected - actual;
    double percent = expected > 0 ? 100 * saved / expected : Double.NaN;
    return new Improvement(reporting.size(), expected, actual, saved, percent);
  }

  /**
   * Energy performance improvement over reporting periods: positive savings mean less energy than
   * the baseline expects for the same production (and weather).
   *
   * @param periods how many reporting periods
   * @param expectedKwh what the baseline expects
   * @param actualKwh what was consumed
   * @param savedKwh expected minus actual
   * @param improvementPercent saved as a percentage of expected, NaN when nothing was expected
   */
  public record Improvement(
      int periods,
      double expectedKwh,
      double actualKwh,
      double savedKwh,
      double improvementPercent) {}
}
