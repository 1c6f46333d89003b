package io.plantline.quality.domain;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * The control-chart constants for subgroup sizes 2 to {@link #MAX_N}, computed rather than typed
 * in.
 *
 * <ul>
 *   <li>{@code d2(n)} = E[W] and {@code d3(n)} = sd(W) of the range W of n standard normal values,
 *       from the distribution of the range {@code F(w) = n ∫ φ(x) [Φ(x+w) − Φ(x)]^(n−1) dx} by
 *       numerical integration ({@code E[W] = ∫ (1 − F)}, {@code E[W²] = 2 ∫ w (1 − F)}).
 *   <li>{@code c4(n)} = E[s]/σ = √(2/(n−1)) Γ(n/2) / Γ((n−1)/2), exactly.
 *   <li>The factors of the limits follow from them with k = 3: A2 = 3/(d2√n), A3 = 3/(c4√n), D3 =
 *       max(0, 1 − 3 d3/d2), D4 = 1 + 3 d3/d2, B3 = max(0, 1 − 3√(1−c4²)/c4), B4 = 1 +
 *       3√(1−c4²)/c4, E2 = 3/d2.
 * </ul>
 *
 * The table is computed once, on first use (a few hundred milliseconds).
 */
public final class ControlChartConstants {

  /** Largest subgroup size the charts allow. */
  public static final int MAX_N = 25;

  private static final double STEP = 1.0 / 64;
  private static final double X_RANGE = 8.5;
  private static final double W_RANGE = 13.0;

  private static final double[] D2 = new double[MAX_N + 1];
  private static final double[] D3 = new double[MAX_N + 1];

  static {
    computeRangeMoments();
  }

  private ControlChartConstants() {}

  /** E[range] of n standard normal values. */
  public static double d2(int n) {
    return D2[check(n)];
  }

  /** Standard deviation of the range of n standard normal values. */
  public static double d3(int n) {
    return D3[check(n)];
  }

  /** E[s]/σ for samples of n normal values. */
  public static double c4(int n) {
    check(n);
    return Math.sqrt(2.0 / (n - 1))
        * Math.exp(Gamma.logGamma(n / 2.0) - Gamma.logGamma((n - 1) / 2.0));
  }

  /** X̄ chart limits from R̄: x̿ ± A2 R̄. */
  public static double a2(int n) {
    return 3 / (d2(n) * Math.sqrt(n));
  }

  /** X̄ chart limits from S̄: x̿ ± A3 S̄. */
  public static double a3(int n) {
    return 3 / (c4(n) * Math.sqrt(n));
  }

  /** Lower R chart limit D3 R̄. */
  public static double bigD3(int n) {
    return Math.max(0, 1 - 3 * d3(n) / d2(n));
  }

  /** Upper R chart limit D4 R̄. */
  public static double bigD4(int n) {
    return 1 + 3 * d3(n) / d2(n);
  }

  /** Lower S chart limit B3 S̄. */
  public static double b3(int n) {
    double c4 = c4(n);
    return Math.max(0, 1 - 3 * Math.sqrt(1 - c4 * c4) / c4);
  }

  /** Upper S chart limit B4 S̄. */
  public static double b4(int n) {
    double c4 = c4(n);
    return 1 + 3 * Math.sqrt(1 - c4 * c4) / c4;
  }

  /** Individuals limits from the mean moving range (span {@code n}): x̄ ± E2 MR̄. */
  public static double e2(int n) {
    return 3 / d2(n);
  }

  private static int check(int n) {
    if (n < 2 || n > MAX_N) {
      throw new IllegalArgumentException("subgroup size must be 2.." + MAX_N + ", was " + n);
    }
    return n;
  }

  /**
   * One grid of Φ and φ with the same step in x and w, so that Φ(x + w) is a table lookup; the
   * trapezoid rule on the whole line converges very fast for these smooth, quickly decaying
   * integrands, Simpson's rule is used on the half line of w.
   */
  private static void computeRangeMoments() {
    NormalDistribution normal = new NormalDistribution(0, 1);
    int xPoints = (int) Math.round(2 * X_RANGE / STEP) + 1;
    int wPoints = (int) Math.round(W_RANGE / STEP) + 1; // odd count for Simpson
    if (wPoints % 2 == 0) {
      wPoints++;
    }
    int total = xPoints + wPoints;
    double[] cdf = new double[total];
    double[] pdf = new double[total];
    for (int i = 0; i < total; i++) {
      double x = -X_RANGE + i * STEP;
      cdf[i] = normal.cumulativeProbability(x);
      pdf[i] = normal.density(x);
    }
    double[] mean = new double[MAX_N + 1];
    double[] square = new double[MAX_N + 1];
    double[] inner = new double[MAX_N + 1];
    for (int j = 0; j < wPoints; j++) {
      java.util.Arrays.fill(inner, 0);
      for (int i = 0; i < xPoints; i++) {
        double p = cdf[i + j] - cdf[i];
        if (p <= 0) {
          continue;
        }
        double term = pdf[i] * p; // φ(x) p^(n-1) for n = 2, then times p per n
        for (int n = 2; n <= MAX_N; n++) {
          inner[n] += term;
          term *= p;
        }
      }
      double weight = (j == 0 || j == wPoints - 1) ? 1 : (j % 2 == 1 ? 4 : 2);
      double w = j * STEP;
      for (int n = 2; n <= MAX_N; n++) {
        double survival = 1 - Math.min(1, n * inner[n] * STEP);
        mean[n] += weight * survival;
        square[n] += weight * 2 * w * survival;
      }
    }
    for (int n = 2; n <= MAX_N; n++) {
      double m = mean[n] * STEP / 3;
      D2[n] = m;
      D3[n] = Math.sqrt(square[n] * STEP / 3 - m * m);
    }
  }
}
