package io.plantline.quality.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The charts against published worked examples, to the printed precision. */
class PublishedExamplesTest {

  /**
   * NIST/SEMATECH e-Handbook of Statistical Methods, 6.3.2.2 Individuals Control Charts
   * (https://www.itl.nist.gov/div898/handbook/pmc/section3/pmc322.htm): 10 batches of flow rate, x̄
   * = 50.81, MR̄ = 1.8778, UCL = 55.8041, LCL = 45.8159, all in control.
   */
  @Test
  void shouldReproduceTheNistIndividualsExample() {
    double[] flow = {49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1};
    FrozenLimits limits = PhaseOne.estimateOnce(ChartType.I_MR, 1, Charts.individuals(flow));
    double mrBar = limits.sigma() * ControlChartConstants.d2(2);
    assertThat(limits.center()).isCloseTo(50.81, within(0.005));
    assertThat(mrBar).isCloseTo(1.8778, within(0.00005));
    PointLimits at = ChartCalculator.limits(limits, ChartSettings.DEFAULTS, 1, 1);
    // The handbook divides by d2 rounded to 1.128; the exact d2(2) = 1.12838 moves the limits by
    // 3 MR̄ (1/1.128 − 1/1.12838) = 0.0016, which is all of the difference from the printed ones.
    double rounding = 3 * mrBar * Math.abs(1 / 1.128 - 1 / ControlChartConstants.d2(2));
    assertThat(at.upper()).isCloseTo(55.8041, within(rounding + 0.00005));
    assertThat(at.lower()).isCloseTo(45.8159, within(rounding + 0.00005));
    assertThat(rounding).isLessThan(0.002);
    Baseline baseline =
        PhaseOne.estimate(
            ChartType.I_MR,
            1,
            ChartSettings.DEFAULTS,
            Charts.individuals(flow),
            java.util.OptionalDouble.empty(),
            8);
    assertThat(baseline.excluded()).as("the handbook: the process is in control").isEmpty();
  }

  /**
   * NIST/SEMATECH e-Handbook 6.3.2.4 EWMA Control Charts
   * (https://www.itl.nist.gov/div898/handbook/pmc/section3/pmc324.htm): EWMA0 = 50, s = 2.0539, λ =
   * 0.3; UCL = 52.5884, LCL = 47.4115; the 20 EWMA values printed to two decimals; no point out.
   */
  @Test
  void shouldReproduceTheNistEwmaExample() {
    double[] data = {
      52.0, 47.0, 53.0, 49.3, 50.1, 47.0, 51.0, 50.1, 51.2, 50.5, 49.6, 47.6, 49.9, 51.3, 47.8,
      51.2, 52.6, 52.4, 53.6, 52.1
    };
    double[] printed = {
      50.60, 49.52, 50.56, 50.18, 50.16, 49.21, 49.75, 49.85, 50.26, 50.33, 50.11, 49.36, 49.52,
      50.05, 49.38, 49.92, 50.73, 51.23, 51.94, 51.99
    };
    ChartSettings settings = new ChartSettings(3, 0.3, 3, 0.5, 5);
    FrozenLimits limits = new FrozenLimits(ChartType.EWMA, 1, 50, 2.0539);
    ControlChart chart = Charts.frozen(Charts.characteristic(ChartType.EWMA, 1, settings), limits);
    List<ChartPoint> points = Charts.feed(chart, data);
    for (int i = 0; i < printed.length; i++) {
      assertThat(points.get(i).value()).as("EWMA %d", i + 1).isCloseTo(printed[i], within(0.005));
      assertThat(points.get(i).violations()).isEmpty();
    }
    // the handbook's limits are the asymptotic ones
    PointLimits asymptotic = ChartCalculator.limits(limits, settings, 1, 10_000);
    assertThat(asymptotic.upper()).isCloseTo(52.5884, within(0.00005));
    // printed 47.4115: the handbook rounds √(λ/(2−λ)) to 0.4201; unrounded it is 47.41163
    assertThat(asymptotic.lower()).isCloseTo(47.4115, within(0.00015));
    // the exact limits start narrower and widen towards the asymptote
    assertThat(points.get(0).limits().upper()).isLessThan(points.get(19).limits().upper());
  }

  /**
   * NIST/SEMATECH e-Handbook 6.3.2.3 CUSUM Control Charts, tabular form
   * (https://www.itl.nist.gov/div898/handbook/pmc/section3/pmc323.htm): target 325, k = 0.3175, h =
   * 4.1959, σ of the plotted means 0.635 (so k = 0.5σ, h = 6.6077σ); the printed S_hi and S_lo (two
   * decimals) and the signal from group 14 on.
   */
  @Test
  void shouldReproduceTheNistTabularCusumExample() {
    double[] means = {
      324.925, 324.675, 324.725, 324.350, 325.350, 325.225, 324.125, 324.525, 325.225, 324.600,
      324.625, 325.150, 328.325, 327.250, 327.825, 328.500, 326.675, 327.775, 326.875, 328.350
    };
    double[] high = {
      0.00, 0.00, 0.00, 0.00, 0.03, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, 3.01, 4.94, 7.45,
      10.63, 11.99, 14.44, 16.00, 19.04
    };
    double[] low = {
      0.00, 0.01, 0.00, 0.33, 0.00, 0.00, 0.56, 0.72, 0.17, 0.25, 0.31, 0.00, 0.00, 0.00, 0.00,
      0.00, 0.00, 0.00, 0.00, 0.00
    };
    ChartSettings settings = new ChartSettings(3, 0.2, 3, 0.3175 / 0.635, 4.1959 / 0.635);
    // the handbook gives subgroup means; one reading per subgroup with σ = 0.635 plots them as is
    FrozenLimits limits = new FrozenLimits(ChartType.CUSUM, 1, 325, 0.635);
    ControlChart chart = Charts.frozen(Charts.characteristic(ChartType.CUSUM, 1, settings), limits);
    List<ChartPoint> points = Charts.feed(chart, means);
    for (int i = 0; i < means.length; i++) {
      // printed to two decimals, ties rounded either way: half a unit in the last place
      assertThat(points.get(i).value()).as("S_hi %d", i + 1).isCloseTo(high[i], within(0.0051));
      assertThat(points.get(i).secondary()).as("S_lo %d", i + 1).isCloseTo(low[i], within(0.0051));
    }
    List<Long> signalled =
        points.stream()
            .filter(p -> p.violations().stream().anyMatch(v -> v.rule() == Rule.CUSUM_UP))
            .map(ChartPoint::number)
            .toList();
    assertThat(signalled).containsExactly(14L, 15L, 16L, 17L, 18L, 19L, 20L);
    assertThat(points.get(0).limits().upper()).isCloseTo(4.1959, within(0.00005));
  }

  /**
   * A p chart, Example 16.6 of "An Introduction to Business Statistics" (p. 489,
   * https://fliphtml5.com/eraqv/ufcc/AN_INTRODUCTION_TO_BUSINESS_STATISTICS/489/): 10 samples of
   * 200, p̄ = 0.16, UCL = 0.2378, LCL = 0.0822, all in control.
   */
  @Test
  void shouldReproduceAPublishedPChart() {
    List<Subgroup> samples = Charts.counts(200, 40, 44, 22, 34, 24, 32, 28, 32, 34, 30);
    FrozenLimits limits = PhaseOne.estimateOnce(ChartType.P, 1, samples);
    PointLimits at = ChartCalculator.limits(limits, ChartSettings.DEFAULTS, 200, 1);
    assertThat(limits.center()).isCloseTo(0.16, within(0.005));
    assertThat(at.upper()).isCloseTo(0.2378, within(0.00005));
    assertThat(at.lower()).isCloseTo(0.0822, within(0.00005));
    Baseline baseline =
        PhaseOne.estimate(
            ChartType.P, 1, ChartSettings.DEFAULTS, samples, java.util.OptionalDouble.empty(), 8);
    assertThat(baseline.excluded()).isEmpty();
  }

  /**
   * An np chart of 50 lots of 200 wafers computed with R's qcc and published on RPubs
   * (https://rstudio-pubs-static.s3.amazonaws.com/1407328_ae841ab974d8447f9af9afcb80dbaeaa.html):
   * centre 7.14, LCL 0, UCL 15.01184 (qcc prints seven significant digits).
   */
  @Test
  void shouldReproduceAPublishedNpChart() {
    List<Subgroup> lots =
        Charts.counts(
            200, 8, 7, 11, 3, 6, 11, 4, 4, 5, 8, 8, 6, 7, 6, 10, 7, 9, 5, 6, 8, 8, 10, 4, 11, 4, 11,
            6, 6, 9, 5, 4, 7, 5, 7, 8, 5, 10, 9, 7, 9, 4, 9, 4, 7, 11, 8, 10, 8, 7, 5);
    FrozenLimits limits = PhaseOne.estimateOnce(ChartType.NP, 1, lots);
    PointLimits at = ChartCalculator.limits(limits, ChartSettings.DEFAULTS, 200, 1);
    assertThat(at.center()).isCloseTo(7.14, within(0.005));
    assertThat(at.upper()).isCloseTo(15.01184, within(0.00001));
    assertThat(at.lower()).isZero();
  }

  /** c and u charts on counts whose limits are worked by hand here. */
  @Test
  void shouldComputeCAndULimitsFromTheirPoissonEstimates() {
    // c̄ = (3+5+4+6+2+4)/6 = 4, limits 4 ± 3·2 = 10 and 0 (clamped from −2)
    FrozenLimits c = PhaseOne.estimateOnce(ChartType.C, 1, Charts.counts(1, 3, 5, 4, 6, 2, 4));
    PointLimits cAt = ChartCalculator.limits(c, ChartSettings.DEFAULTS, 1, 1);
    assertThat(List.of(cAt.center(), cAt.upper(), cAt.lower())).containsExactly(4.0, 10.0, 0.0);
    // ū = 36 defects / 18 units = 2; at n = 8 units: 2 ± 3√(2/8) = 3.5 and 0.5
    List<Subgroup> u =
        List.of(
            new Subgroup(1, Charts.T0, new double[] {10}, 4),
            new Subgroup(2, Charts.T0, new double[] {14}, 6),
            new Subgroup(3, Charts.T0, new double[] {12}, 8));
    FrozenLimits uLimits = PhaseOne.estimateOnce(ChartType.U, 1, u);
    PointLimits uAt = ChartCalculator.limits(uLimits, ChartSettings.DEFAULTS, 8, 1);
    assertThat(uAt.center()).isEqualTo(2.0);
    assertThat(uAt.upper()).isCloseTo(3.5, within(1e-12));
    assertThat(uAt.lower()).isCloseTo(0.5, within(1e-12));
    assertThat(ChartCalculator.shewhartValue(ChartType.U, u.get(2))).isEqualTo(1.5);
  }

  /**
   * NIST/SEMATECH e-Handbook 6.1.6 What is Process Capability?
   * (https://www.itl.nist.gov/div898/handbook/pmc/section1/pmc16.htm): USL = 20, LSL = 8, μ = 16, σ
   * = 2 give Cp = 1.0 and Cpk = 0.6667 (Cpu 0.6667, Cpl 1.3333).
   */
  @Test
  void shouldReproduceTheNistCapabilityExample() {
    double[] raw =
        IntStream.range(0, 40).mapToDouble(i -> Math.sin(i * 1.7) + 0.3 * i % 2).toArray();
    double[] values = standardized(raw, 16, 2);
    SpecLimits spec =
        new SpecLimits(
            java.util.OptionalDouble.of(8),
            java.util.OptionalDouble.of(20),
            java.util.OptionalDouble.empty());
    Capability.Report report = Capability.of(values, 2, spec, 0.95);
    assertThat(report.cp().value()).isCloseTo(1.0, within(0.00005));
    assertThat(report.cpk().value()).isCloseTo(0.6667, within(0.00005));
    assertThat(report.pp().value()).isCloseTo(1.0, within(0.00005));
    assertThat(report.ppk().value()).isCloseTo(0.6667, within(0.00005));
    assertThat(report.cpk().lower()).isLessThan(0.6667);
    assertThat(report.cpk().upper()).isGreaterThan(0.6667);
    assertThat(report.cpm().value()).isNaN();
  }

  static double[] standardized(double[] raw, double mean, double sd) {
    double m = java.util.Arrays.stream(raw).average().orElseThrow();
    double ss = java.util.Arrays.stream(raw).map(v -> (v - m) * (v - m)).sum();
    double s = Math.sqrt(ss / (raw.length - 1));
    return java.util.Arrays.stream(raw).map(v -> mean + sd * (v - m) / s).toArray();
  }
}
