package io.plantline.quality.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Phase I: removal and re-estimation, and properties of the limits. */
class PhaseOneTest {

  static List<Subgroup> normalSubgroups(long seed, int count, int n, double mean, double sigma) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Subgroup> result = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] v = new double[n];
      for (int j = 0; j < n; j++) {
        v[j] = mean + sigma * random.nextGaussian();
      }
      result.add(Subgroup.of(i + 1, Charts.T0.plusSeconds(i), v));
    }
    return result;
  }

  @Test
  void shouldRemoveOutOfControlSubgroupsAndReEstimateUntilStable() {
    List<Subgroup> data = new ArrayList<>(normalSubgroups(7, 30, 5, 10, 1));
    data.set(11, Subgroup.of(12, Charts.T0, 16, 15.5, 16.2, 15.8, 16.1)); // mean shift
    data.set(20, Subgroup.of(21, Charts.T0, 10, 10.1, 9.9, 4, 16)); // range blow-up
    Baseline baseline =
        PhaseOne.estimate(
            ChartType.XBAR_R, 5, ChartSettings.DEFAULTS, data, OptionalDouble.empty(), 20);
    assertThat(baseline.excluded()).contains(12L, 21L);
    assertThat(baseline.used()).isEqualTo(30 - baseline.excluded().size());
    assertThat(baseline.iterations()).isGreaterThanOrEqualTo(2);
    assertThat(baseline.limits().center()).isCloseTo(10, within(0.3));
    assertThat(baseline.limits().sigma()).isCloseTo(1, within(0.3));
  }

  @Test
  void shouldRefuseABaselineWithTooFewInControlSubgroups() {
    List<Subgroup> few = normalSubgroups(3, 5, 5, 10, 1);
    assertThatThrownBy(
            () ->
                PhaseOne.estimate(
                    ChartType.XBAR_S, 5, ChartSettings.DEFAULTS, few, OptionalDouble.empty(), 20))
        .isInstanceOf(InsufficientBaselineException.class)
        .hasMessageContaining("20 needed");
  }

  /** Property: shifting every value by c shifts the centre by c and leaves σ unchanged. */
  @RepeatedTest(20)
  void shouldMoveLimitsWithAShiftOfTheDataAndKeepTheirWidth() {
    long seed = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    double shift = random.nextDouble(-1000, 1000);
    double scale = random.nextDouble(0.01, 100);
    for (ChartType chart : List.of(ChartType.XBAR_R, ChartType.XBAR_S, ChartType.I_MR)) {
      int n = chart == ChartType.I_MR ? 1 : 2 + random.nextInt(24);
      List<Subgroup> data = normalSubgroups(seed, 25, n, 5, 1);
      List<Subgroup> moved = new ArrayList<>();
      for (Subgroup s : data) {
        double[] v = s.values();
        for (int j = 0; j < v.length; j++) {
          v[j] = shift + scale * v[j];
        }
        moved.add(new Subgroup(s.number(), s.at(), v, 1));
      }
      FrozenLimits a = PhaseOne.estimateOnce(chart, n, data);
      FrozenLimits b = PhaseOne.estimateOnce(chart, n, moved);
      String label = chart + " seed " + seed;
      assertThat(b.center()).as(label).isCloseTo(shift + scale * a.center(), within(1e-6 * scale));
      assertThat(b.sigma()).as(label).isCloseTo(scale * a.sigma(), within(1e-9 * scale));
    }
  }

  /** Property: the subgroup order does not change X̄-R limits (it does change I-MR's). */
  @RepeatedTest(10)
  void shouldNotDependOnTheOrderOfSubgroupsForXbarCharts() {
    long seed = System.nanoTime();
    List<Subgroup> data = normalSubgroups(seed, 25, 4, 0, 1);
    List<Subgroup> shuffled = new ArrayList<>(data);
    java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
    FrozenLimits a = PhaseOne.estimateOnce(ChartType.XBAR_R, 4, data);
    FrozenLimits b = PhaseOne.estimateOnce(ChartType.XBAR_R, 4, shuffled);
    assertThat(b.center()).isCloseTo(a.center(), within(1e-12));
    assertThat(b.sigma()).isCloseTo(a.sigma(), within(1e-12));
  }

  /** Property: σ estimates are unbiased on average for normal data (d2, c4 are the right ones). */
  @Test
  void shouldEstimateSigmaWithoutBias() {
    for (ChartType chart : List.of(ChartType.XBAR_R, ChartType.XBAR_S, ChartType.I_MR)) {
      int n = chart == ChartType.I_MR ? 1 : 5;
      double sum = 0;
      int runs = 400;
      for (int r = 0; r < runs; r++) {
        sum += PhaseOne.estimateOnce(chart, n, normalSubgroups(r, 50, n, 0, 2)).sigma();
      }
      assertThat(sum / runs).as(chart.name()).isCloseTo(2, within(0.04));
    }
  }
}
