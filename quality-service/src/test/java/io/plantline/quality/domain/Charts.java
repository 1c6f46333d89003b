package io.plantline.quality.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Test helpers: characteristics, subgroups and charts with given limits. */
final class Charts {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private Charts() {}

  static Characteristic characteristic(ChartType chart, int n, ChartSettings settings) {
    return new Characteristic(
        "bore-diameter",
        "bore-gauge",
        "measured_dimension_mm",
        chart,
        n,
        Optional.empty(),
        chart.isVariables() ? 1 : 50,
        chart.isVariables()
            ? Optional.of(
                new SpecLimits(
                    OptionalDouble.of(-100), OptionalDouble.of(1000), OptionalDouble.empty()))
            : Optional.empty(),
        EnumSet.range(Rule.WE1, Rule.N8),
        settings,
        25);
  }

  /** A chart in Phase II with the given limits. */
  static ControlChart frozen(Characteristic c, FrozenLimits limits) {
    ChartState s = ChartState.initial();
    return new ControlChart(
        c,
        new ChartState(
            1,
            List.of(),
            null,
            List.of(),
            limits,
            1,
            0,
            limits.center(),
            0,
            0,
            Double.NaN,
            List.of(),
            Map.of(),
            -1,
            -1,
            Map.of()));
  }

  /** Feeds values one reading per batch; returns the points. */
  static List<ChartPoint> feed(ControlChart chart, double... values) {
    List<ChartPoint> points = new ArrayList<>();
    long seq = chart.state().lastSeq();
    for (double v : values) {
      seq++;
      for (ChartUpdate u : chart.accept(1, seq, T0.plusSeconds(seq), v)) {
        points.add(u.point());
      }
    }
    return points;
  }

  static List<Subgroup> individuals(double... values) {
    List<Subgroup> result = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      result.add(Subgroup.of(i + 1, T0.plusSeconds(i), values[i]));
    }
    return result;
  }

  static List<Subgroup> counts(double size, double... counts) {
    List<Subgroup> result = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      result.add(new Subgroup(i + 1, T0.plusSeconds(i), new double[] {counts[i]}, size));
    }
    return result;
  }
}
