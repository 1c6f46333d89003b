package io.plantline.quality.domain;

/** The control charts a characteristic can be watched on. */
public enum ChartType {
  /** Subgroup means with ranges (σ = R̄/d2), n 2..25. */
  XBAR_R("X̄", "R", true),
  /** Subgroup means with standard deviations (σ = S̄/c4), n 2..25. */
  XBAR_S("X̄", "S", true),
  /** Individuals with moving ranges of two (σ = MR̄/d2(2)), n 1. */
  I_MR("I", "MR", true),
  /** Exponentially weighted moving average of subgroup means (or individuals). */
  EWMA("EWMA", null, true),
  /** Tabular (two-sided) CUSUM of subgroup means (or individuals); C+ and C−. */
  CUSUM("C+", "C−", true),
  /** Fraction nonconforming, binomial; per-sample size. */
  P("p", null, false),
  /** Number nonconforming, binomial; constant sample size. */
  NP("np", null, false),
  /** Nonconformities per sample of constant size, Poisson. */
  C("c", null, false),
  /** Nonconformities per unit, Poisson; per-sample number of units. */
  U("u", null, false);

  private final String primary;
  private final String secondary;
  private final boolean variables;

  ChartType(String primary, String secondary, boolean variables) {
    this.primary = primary;
    this.secondary = secondary;
    this.variables = variables;
  }

  /** Label of the plotted statistic. */
  public String primaryLabel() {
    return primary;
  }

  /** Label of the companion statistic (R, S, MR, C−), or null. */
  public String secondaryLabel() {
    return secondary;
  }

  /** Variables data (measurements) rather than attribute data (counts). */
  public boolean isVariables() {
    return variables;
  }

  /** Whether the Western Electric and Nelson run rules apply (Shewhart charts only). */
  public boolean hasRunRules() {
    return this != EWMA && this != CUSUM;
  }
}
