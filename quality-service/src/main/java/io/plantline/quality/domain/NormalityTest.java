package io.plantline.quality.domain;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Anderson–Darling test of normality with mean and variance estimated from the data (case 3):
 * A² = −n − (1/n) Σ (2i − 1)[ln Φ(z_i) + ln(1 − Φ(z_{n+1−i}))], modified A* = A²(1 + 0.75/n +
 * 2.25/n²), p-value from the approximations of D'Agostino and Stephens, Goodness-of-Fit Techniques
 * (1986), table 4.9.
 */
public final class NormalityTest {

  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

  /**
   * The outcome.
   *
   * @param n sample size
   * @param statistic A²
   * @param adjusted A* (small-sample modified)
   * @param pValue the p-value of normality
   */
  public record Result(int n, double statistic, double adjusted, double pValue) {
    /** Whether normality is rejected at {@code alpha}. */
    public boolean rejects(double alpha) {
      return pValue < alpha;
    }
  }

  private NormalityTest() {}

  /** Tests {@code values} (at least 8, not all equal). */
  public static Result andersonDarling(double[] values) {
    int n = values.length;
    if (n < 8) {
      throw new IllegalArgumentException("Anderson-Darling needs at least 8 values, got " + n);
    }
    double[] x = values.clone();
    Arrays.sort(x);
    double mean = Arrays.stream(x).average().orElseThrow();
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    if (!(sd > 0)) {
      throw new IllegalArgumentException("Anderson-Darling needs values that vary");
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double low = clamp(NORMAL.cumulativeProbability((x[i] - mean) / sd));
      double high = clamp(NORMAL.cumulativeProbability((x[n - 1 - i] - mean) / sd));
      sum += (2.0 * (i + 1) - 1) * (Math.log(low) + Math.log(1 - high));
    }
    double a2 = -n - sum / n;
    double adjusted = a2 * (1 + 0.75 / n + 2.25 / ((double) n * n));
    return new Result(n, a2, adjusted, pValue(adjusted));
  }

  static double pValue(double a) {
    double p;
    if (a >= 0.6) {
      p = Math.exp(1.2937 - 5.709 * a + 0.0186 * a * a);
    } else if (a >= 0.34) {
      p = Math.exp(0.9177 - 4.279 * a - 1.38 * a * a);
    } else if (a >= 0.2) {
      p = 1 - Math.exp(-8.318 + 42.796 * a - 59.938 * a * a);
    } else {
      p = 1 - Math.exp(-13.436 + 101.14 * a - 223.73 * a * a);
    }
    return Math.max(0, Math.min(1, p));
  }

  private static double clamp(double p) {
    return Math.min(1 - 1e-15, Math.max(1e-15, p));
  }
}
