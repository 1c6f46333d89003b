package io.plantline.stream.bench;

import io.plantline.stream.backtest.NabScorer;
import io.plantline.stream.domain.LevelShift;
import io.plantline.stream.domain.Reading;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.domain.RuleSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameter grid of {@code NabDetectionBench --sweep}, with a split of the file in time: the
 * first half chooses, the second half tests (see {@link NabDetectionBench}).
 */
final class NabSweep {
  static final long[] RECENT_HOURS = {1, 2, 3, 4, 6, 8, 12};
  static final long[] BASELINE_DAYS = {1, 2, 3, 5, 7, 14};
  static final double[] RAISE_Z = {1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.5, 4};

  private NabSweep() {}

  /**
   * One grid point.
   *
   * @param order position in the grid
   * @param detector the variant
   * @param run its replay, scored
   * @param first score of the first half
   * @param second score of the second half
   */
  record Point(
      int order, LevelShift detector, NabDetectionBench.Run run, double first, double second) {
    double total() {
      return run.result().total();
    }

    int alarms() {
      return run.replay().raised().size();
    }
  }

  static void print(RuleSet shipped, List<Reading> readings, NabScorer scorer, long splitTime)
      throws Exception {
    LevelShift base = (LevelShift) shipped.rulesFor(NabData.DEVICE).get(0);
    String type = shipped.deviceTypeOf(NabData.DEVICE);
    int splitRow = 0;
    while (scorer.timeOf(splitRow) < splitTime) {
      splitRow++;
    }
    List<Point> points = new ArrayList<>();
    for (long recent : RECENT_HOURS) {
      for (long baseline : BASELINE_DAYS) {
        for (double z : RAISE_Z) {
          LevelShift d =
              new LevelShift(
                  base.spec(),
                  base.metric(),
                  recent * 3_600_000L,
                  baseline * 86_400_000L,
                  z,
                  z / 2,
                  base.minSamples(),
                  base.minStd(),
                  base.gate());
          NabDetectionBench.Run run =
              NabDetectionBench.run(with(shipped, type, d), readings, scorer);
          double[] halves = halves(run.result(), scorer, splitRow);
          points.add(new Point(points.size(), d, run, halves[0], halves[1]));
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%nsweep: %d level-shift settings (clear z = raise z / 2; training, min std and delays as"
            + " in the rule file); first half = rows before %s (windows 1-2), second half = the"
            + " rest (windows 3-4); chosen by the first half (ties: fewer alarms), tested on the"
            + " second%n",
        points.size(),
        NabData.format(splitTime));
    System.out.println(
        "| rank | recent | baseline | raise z | alarms | windows | false pos. | first half |"
            + " second half | file |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    List<Point> byFirst = new ArrayList<>(points);
    byFirst.sort(
        Comparator.comparingDouble(Point::first)
            .reversed()
            .thenComparingInt(Point::alarms)
            .thenComparingInt(Point::order));
    for (int i = 0; i < Math.min(12, byFirst.size()); i++) {
      row(i + 1, byFirst.get(i));
    }
    Point chosen = byFirst.get(0);
    Point bestFile = points.stream().max(Comparator.comparingDouble(Point::total)).orElseThrow();
    long positive = points.stream().filter(p -> p.total() > 0).count();
    System.out.printf(
        Locale.ROOT,
        "chosen on the first half: recent %s, baseline %s, raise z %.2f -> second half %+.3f of"
            + " +2 (out of sample), file %+.3f; best on the whole file (in-sample, optimistic):"
            + " %+.3f; %d of %d settings score above 0 on the file%n",
        NabDetectionBench.hours(chosen.detector().recentHalfLifeMs()),
        NabDetectionBench.hours(chosen.detector().baselineHalfLifeMs()),
        chosen.detector().raiseZ(),
        chosen.second(),
        chosen.total(),
        bestFile.total(),
        positive,
        points.size());
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "chosen recent %s and baseline %s with every raise z:",
                NabDetectionBench.hours(chosen.detector().recentHalfLifeMs()),
                NabDetectionBench.hours(chosen.detector().baselineHalfLifeMs())));
    for (Point p : points) {
      if (p.detector().recentHalfLifeMs() == chosen.detector().recentHalfLifeMs()
          && p.detector().baselineHalfLifeMs() == chosen.detector().baselineHalfLifeMs()) {
        line.append(
            String.format(
                Locale.ROOT,
                " %.2f: %d/%d windows, %+.3f;",
                p.detector().raiseZ(),
                p.run().result().detectedWindows(),
                p.run().result().windows().size(),
                p.total()));
      }
    }
    System.out.println(line);
    offDelays(shipped, type, readings, scorer);
  }

  /** The shipped rule with other off-delays (the alarm lifecycle's refractory period). */
  private static void offDelays(
      RuleSet shipped, String type, List<Reading> readings, NabScorer scorer) throws Exception {
    LevelShift base = (LevelShift) shipped.rulesFor(NabData.DEVICE).get(0);
    StringBuilder line = new StringBuilder("the rule file's setting with other off-delays:");
    for (long hours : new long[] {0, 6, 12, 24, 48}) {
      RuleSpec s = base.spec();
      RuleSpec spec =
          new RuleSpec(
              s.id(), s.kind(), s.severity(), s.onDelayMs(), hours * 3_600_000L, s.description());
      LevelShift d =
          new LevelShift(
              spec,
              base.metric(),
              base.recentHalfLifeMs(),
              base.baselineHalfLifeMs(),
              base.raiseZ(),
              base.clearZ(),
              base.minSamples(),
              base.minStd(),
              base.gate());
      NabDetectionBench.Run run = NabDetectionBench.run(with(shipped, type, d), readings, scorer);
      line.append(
          String.format(
              Locale.ROOT,
              " %d h: %d alarms, %+.3f;",
              hours,
              run.replay().raised().size(),
              run.result().total()));
    }
    System.out.println(line);
  }

  private static RuleSet with(RuleSet shipped, String type, LevelShift d) {
    return new RuleSet(
        shipped.version(),
        shipped.settings(),
        shipped.deviceTypes(),
        Map.of(type, List.of(d)),
        List.of());
  }

  private static void row(int rank, Point p) {
    NabScorer.Result r = p.run().result();
    System.out.printf(
        Locale.ROOT,
        "| %d | %s | %s | %.2f | %d | %d/%d | %d | %+.3f | %+.3f | %+.3f |%n",
        rank,
        NabDetectionBench.hours(p.detector().recentHalfLifeMs()),
        NabDetectionBench.hours(p.detector().baselineHalfLifeMs()),
        p.detector().raiseZ(),
        p.alarms(),
        r.detectedWindows(),
        r.windows().size(),
        r.falsePositives().size(),
        p.first(),
        p.second(),
        p.total());
  }

  /** The file's score split at a row: windows by where they end, false positives by their row. */
  static double[] halves(NabScorer.Result r, NabScorer scorer, int splitRow) {
    double[] halves = new double[2];
    for (NabScorer.WindowScore w : r.windows()) {
      int end = scorer.rowAt(w.window().end());
      halves[end < splitRow ? 0 : 1] += w.score();
    }
    for (NabScorer.FalsePositive fp : r.falsePositives()) {
      halves[fp.row() < splitRow ? 0 : 1] += fp.score();
    }
    return halves;
  }
}
