package io.plantline.quality.domain;

/**
 * The run rules, each switchable per characteristic, and the signals of the charts that have no run
 * rules. Zones are in σ of the plotted statistic around the centre line.
 *
 * <p>WE1–WE4 are the Western Electric rules (Western Electric Statistical Quality Control Handbook,
 * 1956). N5–N8 are the four Nelson rules that add to them (Nelson, J. Quality Technology 16(4),
 * 1984, tests 3, 4, 7 and 8 in his numbering).
 */
public enum Rule {
  /** One point beyond 3σ. */
  WE1("one point beyond 3σ", 1),
  /** Two of three consecutive points beyond 2σ on the same side. */
  WE2("2 of 3 points beyond 2σ on one side", 3),
  /** Four of five consecutive points beyond 1σ on the same side. */
  WE3("4 of 5 points beyond 1σ on one side", 5),
  /** Eight consecutive points on the same side of the centre line. */
  WE4("8 points in a row on one side", 8),
  /** Six points in a row steadily increasing or decreasing (trend; Nelson's test 3). */
  N5("6 points in a row steadily increasing or decreasing", 6),
  /** Fourteen points in a row alternating up and down (Nelson's test 4). */
  N6("14 points in a row alternating up and down", 14),
  /** Fifteen points in a row within 1σ on either side (stratification; Nelson's test 7). */
  N7("15 points in a row within 1σ", 15),
  /** Eight points in a row beyond 1σ, on both sides (mixture; Nelson's test 8). */
  N8("8 points in a row beyond 1σ on both sides", 8),
  /** The R, S or moving-range point beyond its limits. */
  DISPERSION("dispersion (R, S or MR) beyond its limits", 1),
  /** The EWMA beyond its limits. */
  EWMA_LIMIT("EWMA beyond its limits", 1),
  /** The upper CUSUM C+ above the decision interval H. */
  CUSUM_UP("upper CUSUM above H (mean shifted up)", 1),
  /** The lower CUSUM C− above the decision interval H. */
  CUSUM_DOWN("lower CUSUM above H (mean shifted down)", 1);

  private final String description;
  private final int span;

  Rule(String description, int span) {
    this.description = description;
    this.span = span;
  }

  /** What the rule detects. */
  public String description() {
    return description;
  }

  /** How many consecutive points the rule looks at. */
  public int span() {
    return span;
  }

  /** Whether the rule is one of the switchable run rules (WE1–WE4, N5–N8). */
  public boolean isRunRule() {
    return ordinal() <= N8.ordinal();
  }
}
