package io.plantline.quality.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Phase I: estimates the process parameters from baseline subgroups, removes the subgroups whose
 * point (or R, S, MR point) falls beyond the trial limits, and estimates again until no point is
 * beyond them; the result is frozen by the caller.
 *
 * <ul>
 *   <li>X̄-R (and EWMA/CUSUM with n ≥ 2): x̿, σ = R̄/d2(n).
 *   <li>X̄-S: x̿, σ = S̄/c4(n).
 *   <li>I-MR (and EWMA/CUSUM with n = 1): x̄, σ = MR̄/d2(2), moving ranges of consecutive kept
 *       points.
 *   <li>p, np: p̄ = Σd/Σn; c: c̄ = mean count; u: ū = Σc/Σn.
 * </ul>
 *
 * EWMA and CUSUM are screened with the Shewhart limits of the same data; their centre is the target
 * when one is given.
 */
public final class PhaseOne {

  /** Safety bound on re-estimation rounds. */
  public static final int MAX_ITERATIONS = 20;

  private PhaseOne() {}

  /**
   * Estimates and screens until stable.
   *
   * @param chart the chart type
   * @param subgroupSize n (1 for individuals and attributes)
   * @param settings the limit widths
   * @param subgroups the baseline, in time order
   * @param target the target of EWMA and CUSUM, if any
   * @param minimum fewest subgroups an estimate may rest on
   * @throws InsufficientBaselineException if fewer than {@code minimum} subgroups remain or the
   *     data show no variation
   */
  public static Baseline estimate(
      ChartType chart,
      int subgroupSize,
      ChartSettings settings,
      List<Subgroup> subgroups,
      OptionalDouble target,
      int minimum) {
    List<Subgroup> kept = new ArrayList<>(subgroups);
    List<Long> excluded = new ArrayList<>();
    for (int iteration = 1; ; iteration++) {
      if (kept.size() < Math.max(2, minimum)) {
        throw new InsufficientBaselineException(
            "only " + kept.size() + " in-control subgroups remain, " + minimum + " needed");
      }
      FrozenLimits screening =
          estimateOnce(screeningChart(chart, subgroupSize), subgroupSize, kept);
      List<Subgroup> out = beyondLimits(screening, settings, kept);
      if (out.isEmpty() || iteration == MAX_ITERATIONS) {
        FrozenLimits limits = screening;
        if (chart == ChartType.EWMA || chart == ChartType.CUSUM) {
          limits =
              new FrozenLimits(
                  chart, subgroupSize, target.orElse(screening.center()), screening.sigma());
        } else if (chart != screening.chart()) {
          limits = new FrozenLimits(chart, subgroupSize, screening.center(), screening.sigma());
        }
        return new Baseline(limits, kept.size(), excluded, iteration);
      }
      for (Subgroup s : out) {
        excluded.add(s.number());
      }
      kept.removeAll(out);
    }
  }

  /** The one-pass estimate of {@code chart}'s parameters from {@code subgroups}. */
  public static FrozenLimits estimateOnce(ChartType chart, int n, List<Subgroup> subgroups) {
    switch (chart) {
      case XBAR_R -> {
        double rBar = subgroups.stream().mapToDouble(Subgroup::range).average().orElseThrow();
        return variables(chart, n, grandMean(subgroups), rBar / ControlChartConstants.d2(n));
      }
      case XBAR_S -> {
        double sBar =
            subgroups.stream().mapToDouble(Subgroup::standardDeviation).average().orElseThrow();
        return variables(chart, n, grandMean(subgroups), sBar / ControlChartConstants.c4(n));
      }
      case I_MR -> {
        double sum = 0;
        for (int i = 1; i < subgroups.size(); i++) {
          sum += Math.abs(subgroups.get(i).mean() - subgroups.get(i - 1).mean());
        }
        double mrBar = sum / (subgroups.size() - 1);
        return variables(chart, 1, grandMean(subgroups), mrBar / ControlChartConstants.d2(2));
      }
      case P, NP, U -> {
        double count = subgroups.stream().mapToDouble(Subgroup::mean).sum();
        double size = subgroups.stream().mapToDouble(Subgroup::size).sum();
        return attribute(chart, count / size);
      }
      case C -> {
        return attribute(chart, grandMean(subgroups));
      }
      default -> throw new IllegalArgumentException("no direct estimate for " + chart);
    }
  }

  private static FrozenLimits variables(ChartType chart, int n, double center, double sigma) {
    if (!(sigma > 0)) {
      throw new InsufficientBaselineException("the baseline shows no variation (σ = 0)");
    }
    return new FrozenLimits(chart, n, center, sigma);
  }

  private static FrozenLimits attribute(ChartType chart, double center) {
    if (!(center > 0)) {
      throw new InsufficientBaselineException("the baseline has no nonconformities at all");
    }
    if ((chart == ChartType.P || chart == ChartType.NP) && center >= 1) {
      throw new InsufficientBaselineException("every item of the baseline is nonconforming");
    }
    return new FrozenLimits(chart, 1, center, Double.NaN);
  }

  /** EWMA and CUSUM are screened on the Shewhart chart of the same subgroups. */
  static ChartType screeningChart(ChartType chart, int n) {
    return switch (chart) {
      case EWMA, CUSUM -> n == 1 ? ChartType.I_MR : ChartType.XBAR_R;
      default -> chart;
    };
  }

  private static List<Subgroup> beyondLimits(
      FrozenLimits trial, ChartSettings settings, List<Subgroup> kept) {
    FrozenLimits limits = trial;
    List<Subgroup> out = new ArrayList<>();
    Subgroup previous = null;
    for (Subgroup s : kept) {
      PointLimits at = ChartCalculator.limits(limits, settings, s.size(), 1);
      double value = ChartCalculator.shewhartValue(limits.chart(), s);
      boolean beyond = value > at.upper() || value < at.lower();
      double dispersion =
          switch (limits.chart()) {
            case XBAR_R -> s.range();
            case XBAR_S -> s.standardDeviation();
            case I_MR -> previous == null ? Double.NaN : Math.abs(s.mean() - previous.mean());
            default -> Double.NaN;
          };
      if (!Double.isNaN(dispersion)
          && (dispersion > at.secondaryUpper() || dispersion < at.secondaryLower())) {
        beyond = true;
      }
      if (beyond) {
        out.add(s);
      }
      previous = s;
    }
    return out;
  }

  private static double grandMean(List<Subgroup> subgroups) {
    return subgroups.stream().mapToDouble(Subgroup::mean).average().orElseThrow();
  }
}
