package io.plantline.quality.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The live chart: Phase I then Phase II, subgrouping, transitions and restarts. */
class ControlChartTest {

  private static double[] normal(long seed, int count, double mean) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[count];
    for (int i = 0; i < v.length; i++) {
      v[i] = mean + random.nextGaussian();
    }
    return v;
  }

  @Test
  void shouldFreezeLimitsAfterTheBaselineAndThenDetectAMeanShift() {
    Characteristic c = Charts.characteristic(ChartType.XBAR_R, 5, ChartSettings.DEFAULTS);
    ControlChart chart = new ControlChart(c, ChartState.initial());
    List<ChartPoint> baseline = Charts.feed(chart, normal(1, 25 * 5, 10));
    assertThat(baseline).hasSize(25).allMatch(p -> p.limits() == null);
    assertThat(chart.limits()).isNotNull();
    assertThat(chart.limitVersion()).isEqualTo(1);
    List<ChartPoint> shifted = Charts.feed(chart, normal(2, 20 * 5, 11.5)); // 1.5σ shift
    long firstSignal =
        shifted.stream().filter(p -> !p.violations().isEmpty()).findFirst().orElseThrow().number();
    // x̄ of n = 5 moves 1.5√5 = 3.4 σ_x̄: within a few subgroups
    assertThat(firstSignal).isLessThanOrEqualTo(26 + 4);
  }

  @Test
  void shouldSkipBatchesAlreadyApplied() {
    ControlChart chart =
        new ControlChart(
            Charts.characteristic(ChartType.I_MR, 1, ChartSettings.DEFAULTS), ChartState.initial());
    chart.accept(3, 10, Charts.T0, 1.0);
    assertThat(chart.isNew(3, 10)).isFalse();
    assertThat(chart.isNew(3, 9)).isFalse();
    assertThat(chart.isNew(2, 99)).isFalse();
    assertThat(chart.isNew(3, 11)).isTrue();
    assertThat(chart.isNew(4, 0)).isTrue();
  }

  @Test
  void shouldCarryOnFromASnapshotExactlyAsWithoutTheRestart() {
    Characteristic c = Charts.characteristic(ChartType.EWMA, 3, ChartSettings.DEFAULTS);
    double[] data = normal(5, 40 * 3, 0);
    ControlChart straight = new ControlChart(c, ChartState.initial());
    List<ChartPoint> expected = Charts.feed(straight, data);
    ControlChart first = new ControlChart(c, ChartState.initial());
    List<ChartPoint> actual =
        new ArrayList<>(Charts.feed(first, java.util.Arrays.copyOf(data, 77)));
    ControlChart restarted = new ControlChart(c, first.state());
    actual.addAll(Charts.feed(restarted, java.util.Arrays.copyOfRange(data, 77, data.length)));
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).value()).isEqualTo(expected.get(i).value());
      assertThat(actual.get(i).violations()).isEqualTo(expected.get(i).violations());
    }
  }

  @Test
  void shouldFormTimeSubgroupsFromTheFirstNReadingsOfEachWindow() {
    Characteristic base = Charts.characteristic(ChartType.XBAR_S, 3, ChartSettings.DEFAULTS);
    Characteristic c =
        new Characteristic(
            base.id(),
            base.deviceId(),
            base.metric(),
            base.chart(),
            3,
            Optional.of(Duration.ofMinutes(1)),
            1,
            base.spec(),
            base.rules(),
            base.settings(),
            25);
    List<TimedValue> readings = new ArrayList<>();
    for (int i = 0; i < 10; i++) { // one reading every 15 s: four per minute
      readings.add(new TimedValue(Charts.T0.plusSeconds(15L * i), i));
    }
    List<Subgroup> groups = ControlChart.subgroups(c, readings, 1);
    // minutes 0 (0,1,2 of 0..3) and 1 (4,5,6 of 4..7); minute 2 holds only 8, 9
    assertThat(groups).hasSize(2);
    assertThat(groups.get(0).values()).containsExactly(0, 1, 2);
    assertThat(groups.get(1).values()).containsExactly(4, 5, 6);
  }

  @Test
  void shouldRaiseARuleOnceAndClearItAfterQuietPoints() {
    Characteristic c = Charts.characteristic(ChartType.I_MR, 1, ChartSettings.DEFAULTS);
    ControlChart chart = Charts.frozen(c, new FrozenLimits(ChartType.I_MR, 1, 0, 1));
    List<ChartUpdate> updates = new ArrayList<>();
    double[] values = {0.2, 5, 5.5, -0.3, 0.4, -0.2, 0.1, -0.4, 0.3, -0.1, 0.2, -0.3, 0.1};
    long seq = 0;
    for (double v : values) {
      updates.addAll(chart.accept(1, ++seq, Charts.T0.plusSeconds(seq), v));
    }
    long raisedWe1 =
        updates.stream()
            .flatMap(u -> u.raised().stream())
            .filter(v -> v.rule() == Rule.WE1)
            .count();
    assertThat(raisedWe1).isEqualTo(1);
    assertThat(updates.get(2).point().violations()).extracting(Violation::rule).contains(Rule.WE1);
    int clearedAt = -1;
    for (int i = 0; i < updates.size(); i++) {
      if (updates.get(i).cleared().contains(Rule.WE1)) {
        clearedAt = i;
      }
    }
    assertThat(clearedAt).isEqualTo(2 + ControlChart.CLEAR_AFTER);
  }

  @Test
  void shouldFreezeANewVersionFromHistoryOnRebaseline() {
    Characteristic c = Charts.characteristic(ChartType.I_MR, 1, ChartSettings.DEFAULTS);
    ControlChart chart = Charts.frozen(c, new FrozenLimits(ChartType.I_MR, 1, 0, 1));
    List<Subgroup> history = Charts.individuals(normal(4, 30, 20));
    Baseline result = chart.rebaseline(history).orElseThrow();
    assertThat(chart.limitVersion()).isEqualTo(2);
    assertThat(result.limits().center()).isBetween(19.0, 21.0);
    assertThat(chart.rebaseline(List.of())).isEmpty();
    assertThat(chart.limits()).isNull();
  }
}
