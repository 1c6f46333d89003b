package io.plantline.quality.domain;

/**
 * The arithmetic of each chart: the plotted statistics and the limits at a point, from frozen
 * limits. Pure functions; the running EWMA and CUSUM sums are passed in.
 */
public final class ChartCalculator {

  private ChartCalculator() {}

  /**
   * The limits at a point.
   *
   * @param limits the frozen parameters
   * @param settings widths, λ, k and h
   * @param sampleSize the attribute sample size of this point (ignored for variables)
   * @param index the point's position since the limits were frozen, from 1 (EWMA limits widen
   *     towards their asymptote with it)
   */
  public static PointLimits limits(
      FrozenLimits limits, ChartSettings settings, double sampleSize, long index) {
    int n = limits.subgroupSize();
    double k = settings.sigmaWidth();
    double center = limits.center();
    double sigma = limits.sigma();
    double nan = Double.NaN;
    switch (limits.chart()) {
      case XBAR_R -> {
        double d2 = ControlChartConstants.d2(n);
        double d3 = ControlChartConstants.d3(n);
        double half = k * sigma / Math.sqrt(n);
        return new PointLimits(
            center,
            center + half,
            center - half,
            d2 * sigma,
            (d2 + k * d3) * sigma,
            Math.max(0, (d2 - k * d3) * sigma));
      }
      case XBAR_S -> {
        double c4 = ControlChartConstants.c4(n);
        double half = k * sigma / Math.sqrt(n);
        double spread = k * sigma * Math.sqrt(1 - c4 * c4);
        return new PointLimits(
            center,
            center + half,
            center - half,
            c4 * sigma,
            c4 * sigma + spread,
            Math.max(0, c4 * sigma - spread));
      }
      case I_MR -> {
        double d2 = ControlChartConstants.d2(2);
        double d3 = ControlChartConstants.d3(2);
        return new PointLimits(
            center,
            center + k * sigma,
            center - k * sigma,
            d2 * sigma,
            (d2 + k * d3) * sigma,
            Math.max(0, (d2 - k * d3) * sigma));
      }
      case EWMA -> {
        double lambda = settings.ewmaLambda();
        double sigmaMean = sigma / Math.sqrt(n);
        double factor = lambda / (2 - lambda) * (1 - Math.pow(1 - lambda, 2 * Math.max(1, index)));
        double half = settings.ewmaWidth() * sigmaMean * Math.sqrt(factor);
        return new PointLimits(center, center + half, center - half, nan, nan, nan);
      }
      case CUSUM -> {
        double h = settings.cusumH() * sigma / Math.sqrt(n);
        return new PointLimits(0, h, 0, 0, h, 0);
      }
      case P -> {
        double half = k * Math.sqrt(center * (1 - center) / sampleSize);
        return new PointLimits(
            center, Math.min(1, center + half), Math.max(0, center - half), nan, nan, nan);
      }
      case NP -> {
        double np = sampleSize * center;
        double half = k * Math.sqrt(np * (1 - center));
        return new PointLimits(
            np, Math.min(sampleSize, np + half), Math.max(0, np - half), nan, nan, nan);
      }
      case C -> {
        double half = k * Math.sqrt(center);
        return new PointLimits(center, center + half, Math.max(0, center - half), nan, nan, nan);
      }
      case U -> {
        double half = k * Math.sqrt(center / sampleSize);
        return new PointLimits(center, center + half, Math.max(0, center - half), nan, nan, nan);
      }
      default -> throw new IllegalStateException("unknown chart " + limits.chart());
    }
  }

  /**
   * The plotted statistic of a Shewhart chart (not EWMA or CUSUM, whose value is a running sum).
   */
  public static double shewhartValue(ChartType chart, Subgroup subgroup) {
    return switch (chart) {
      case XBAR_R, XBAR_S, I_MR, EWMA, CUSUM, NP, C -> subgroup.mean();
      case P, U -> subgroup.mean() / subgroup.size();
    };
  }

  /** The next EWMA: λ x̄ + (1 − λ) z. */
  public static double nextEwma(double lambda, double previous, double mean) {
    return lambda * mean + (1 - lambda) * previous;
  }

  /** The next upper CUSUM: max(0, x̄ − (μ0 + K) + C+). */
  public static double nextCusumHigh(double previous, double mean, double target, double k) {
    return Math.max(0, mean - (target + k) + previous);
  }

  /** The next lower CUSUM: max(0, (μ0 − K) − x̄ + C−). */
  public static double nextCusumLow(double previous, double mean, double target, double k) {
    return Math.max(0, (target - k) - mean + previous);
  }

  /** The reference value K in data units: k σ/√n. */
  public static double cusumReference(FrozenLimits limits, ChartSettings settings) {
    return settings.cusumK() * limits.sigma() / Math.sqrt(limits.subgroupSize());
  }
}
