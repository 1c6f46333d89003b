package io.plantline.quality.domain;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A process characteristic under statistical control: which device and metric feed it, how readings
 * form subgroups, the chart, its rules and the specification.
 *
 * @param id the characteristic's id
 * @param deviceId the device whose readings feed it
 * @param metric the metric of those readings
 * @param chart the chart type
 * @param subgroupSize n: 1 for individuals (I-MR, and EWMA/CUSUM of individuals), 2..25 for X̄-R,
 *     X̄-S (and EWMA/CUSUM of means); 1 for attribute charts (one count per reading)
 * @param subgroupWindow empty: every n consecutive readings form a subgroup; present: the first n
 *     readings within each window of this length form one (readings beyond n, and windows with
 *     fewer than n, are dropped)
 * @param sampleSize the items (p, np) or units (c, u) behind each count of an attribute chart
 * @param spec specification limits and target (empty for attribute charts)
 * @param rules the run rules switched on (Shewhart charts)
 * @param settings widths, λ, k, h
 * @param baselineSubgroups how many subgroups Phase I collects before estimating limits
 */
public record Characteristic(
    String id,
    String deviceId,
    String metric,
    ChartType chart,
    int subgroupSize,
    Optional<Duration> subgroupWindow,
    double sampleSize,
    Optional<SpecLimits> spec,
    Set<Rule> rules,
    ChartSettings settings,
    int baselineSubgroups) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** Validates every component; the message starts with the field's name. */
  public Characteristic {
    requireId("id", id);
    requireId("deviceId", deviceId);
    requireId("metric", metric);
    if (chart == null) {
      throw new IllegalArgumentException("chart: missing");
    }
    if (chart == ChartType.XBAR_R || chart == ChartType.XBAR_S) {
      if (subgroupSize < 2 || subgroupSize > ControlChartConstants.MAX_N) {
        throw new IllegalArgumentException(
            "subgroupSize: " + chart + " needs 2..25, was " + subgroupSize);
      }
    } else if (chart == ChartType.EWMA || chart == ChartType.CUSUM) {
      if (subgroupSize < 1 || subgroupSize > ControlChartConstants.MAX_N) {
        throw new IllegalArgumentException("subgroupSize: must be 1..25, was " + subgroupSize);
      }
    } else if (subgroupSize != 1) {
      throw new IllegalArgumentException(
          "subgroupSize: " + chart + " takes one value per subgroup, was " + subgroupSize);
    }
    if (subgroupWindow.isPresent()
        && (subgroupWindow.get().isNegative() || subgroupWindow.get().isZero())) {
      throw new IllegalArgumentException("subgroupWindow: must be positive");
    }
    if (!chart.isVariables() && !(sampleSize >= 1 && Double.isFinite(sampleSize))) {
      throw new IllegalArgumentException("sampleSize: must be 1 or more, was " + sampleSize);
    }
    if (chart.isVariables() && spec.isEmpty()) {
      throw new IllegalArgumentException("spec: a variables chart needs spec limits (lsl/usl)");
    }
    rules = rules.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rules));
    for (Rule r : rules) {
      if (!r.isRunRule()) {
        throw new IllegalArgumentException("rules: " + r + " is not a run rule (WE1..WE4, N5..N8)");
      }
    }
    if (settings == null) {
      throw new IllegalArgumentException("settings: missing");
    }
    if (baselineSubgroups < 8 || baselineSubgroups > 10_000) {
      throw new IllegalArgumentException(
          "baselineSubgroups: must be 8..10000, was " + baselineSubgroups);
    }
  }

  /** The target of EWMA and CUSUM charts, if the spec names one. */
  public java.util.OptionalDouble target() {
    return spec.map(SpecLimits::target).orElse(java.util.OptionalDouble.empty());
  }

  /** Fewest in-control subgroups Phase I may freeze limits on: 80 % of the baseline. */
  public int minimumBaseline() {
    return Math.max(8, (int) Math.ceil(baselineSubgroups * 0.8));
  }

  private static void requireId(String field, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field
              + ": must be 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit, was '"
              + value
              + "'");
    }
  }
}
