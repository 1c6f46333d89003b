package io.plantline.quality.domain;

import java.util.OptionalDouble;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Process capability against the specification, with confidence intervals, and the normality test
 * they assume (NIST/SEMATECH e-Handbook 6.1.6).
 *
 * <ul>
 *   <li>Cp = (USL − LSL)/6σ_within, Cpk = min(USL − μ, μ − LSL)/3σ_within (one-sided with one
 *       limit); Pp and Ppk the same with the overall sample standard deviation s.
 *   <li>Cpm = (USL − LSL)/6√(s² + (μ − T)²) when a target T is given.
 *   <li>Intervals: Cp and Pp from χ²(n − 1): Ĉ√(χ²_{α/2}/ν) .. Ĉ√(χ²_{1−α/2}/ν); Cpk and Ppk by
 *       Bissell's normal approximation Ĉ ± z √(1/(9n) + Ĉ²/(2(n − 1))); Cpm from χ² with Boyles'
 *       degrees of freedom ν = n(1 + ξ²)²/(1 + 2ξ²), ξ = (μ − T)/s.
 * </ul>
 *
 * The within σ of the intervals is treated as if estimated with n − 1 degrees of freedom (an
 * approximation: R̄/d2 has fewer).
 */
public final class Capability {

  /**
   * An index with its two-sided confidence interval; NaN where it cannot be computed (for example
   * Cp with one spec limit).
   */
  public record Index(double value, double lower, double upper) {
    static final Index NONE = new Index(Double.NaN, Double.NaN, Double.NaN);
  }

  /**
   * The report.
   *
   * @param n individual values used
   * @param mean their mean
   * @param sigmaWithin within-subgroup σ (from the frozen limits)
   * @param sigmaOverall overall sample standard deviation
   * @param confidence the intervals' confidence level
   * @param cp Cp
   * @param cpk Cpk
   * @param pp Pp
   * @param ppk Ppk
   * @param cpm Cpm (NaN without a target)
   * @param normality the Anderson–Darling test of the values
   */
  public record Report(
      int n,
      double mean,
      double sigmaWithin,
      double sigmaOverall,
      double confidence,
      Index cp,
      Index cpk,
      Index pp,
      Index ppk,
      Index cpm,
      NormalityTest.Result normality) {}

  private Capability() {}

  /**
   * The capability of {@code values} (at least 8).
   *
   * @param values individual measurements
   * @param sigmaWithin the within-subgroup σ of the chart
   * @param spec the specification
   * @param confidence e.g. 0.95
   */
  public static Report of(double[] values, double sigmaWithin, SpecLimits spec, double confidence) {
    int n = values.length;
    if (n < 8) {
      throw new IllegalArgumentException("capability needs at least 8 values, got " + n);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= n;
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double s = Math.sqrt(ss / (n - 1));
    double alpha = 1 - confidence;
    Index cp = potential(spec, sigmaWithin, n, alpha);
    Index cpk = performance(spec, mean, sigmaWithin, n, alpha);
    Index pp = potential(spec, s, n, alpha);
    Index ppk = performance(spec, mean, s, n, alpha);
    Index cpm = Index.NONE;
    if (spec.target().isPresent() && spec.lower().isPresent() && spec.upper().isPresent()) {
      double t = spec.target().getAsDouble();
      double width = spec.upper().getAsDouble() - spec.lower().getAsDouble();
      double value = width / (6 * Math.sqrt(s * s + (mean - t) * (mean - t)));
      double xi = (mean - t) / s;
      double nu = n * Math.pow(1 + xi * xi, 2) / (1 + 2 * xi * xi);
      cpm = chiSquareInterval(value, nu, alpha);
    }
    return new Report(
        n,
        mean,
        sigmaWithin,
        s,
        confidence,
        cp,
        cpk,
        pp,
        ppk,
        cpm,
        NormalityTest.andersonDarling(values));
  }

  private static Index potential(SpecLimits spec, double sigma, int n, double alpha) {
    if (spec.lower().isEmpty() || spec.upper().isEmpty() || !(sigma > 0)) {
      return Index.NONE;
    }
    double value = (spec.upper().getAsDouble() - spec.lower().getAsDouble()) / (6 * sigma);
    return chiSquareInterval(value, n - 1, alpha);
  }

  private static Index performance(
      SpecLimits spec, double mean, double sigma, int n, double alpha) {
    if (!(sigma > 0)) {
      return Index.NONE;
    }
    OptionalDouble upper = spec.upper();
    OptionalDouble lower = spec.lower();
    double value = Double.POSITIVE_INFINITY;
    if (upper.isPresent()) {
      value = Math.min(value, (upper.getAsDouble() - mean) / (3 * sigma));
    }
    if (lower.isPresent()) {
      value = Math.min(value, (mean - lower.getAsDouble()) / (3 * sigma));
    }
    double z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - alpha / 2);
    double half = z * Math.sqrt(1.0 / (9 * n) + value * value / (2.0 * (n - 1)));
    return new Index(value, value - half, value + half);
  }

  private static Index chiSquareInterval(double value, double nu, double alpha) {
    ChiSquaredDistribution chi = new ChiSquaredDistribution(nu);
    double low = value * Math.sqrt(chi.inverseCumulativeProbability(alpha / 2) / nu);
    double high = value * Math.sqrt(chi.inverseCumulativeProbability(1 - alpha / 2) / nu);
    return new Index(value, low, high);
  }
}
