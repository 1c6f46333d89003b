package io.plantline.quality.domain;

/**
 * The estimated process parameters a chart's limits are drawn from, frozen at the end of Phase I.
 *
 * @param chart the chart type
 * @param subgroupSize n of each subgroup (1 for individuals and attribute charts)
 * @param center process mean (variables), the centre of EWMA and CUSUM (the target when given), p̄
 *     (p, np), c̄ (c) or ū (u)
 * @param sigma the within-subgroup process standard deviation (variables), NaN for attribute charts
 */
public record FrozenLimits(ChartType chart, int subgroupSize, double center, double sigma) {

  /** Checks the parameters fit the chart. */
  public FrozenLimits {
    if (!Double.isFinite(center)) {
      throw new IllegalArgumentException("center must be finite, was " + center);
    }
    if (chart.isVariables() && !(sigma >= 0 && Double.isFinite(sigma))) {
      throw new IllegalArgumentException("sigma must be finite and not negative, was " + sigma);
    }
    if (subgroupSize < 1 || subgroupSize > ControlChartConstants.MAX_N) {
      throw new IllegalArgumentException("subgroup size must be 1..25, was " + subgroupSize);
    }
  }
}
