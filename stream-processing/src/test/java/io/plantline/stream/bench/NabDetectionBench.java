package io.plantline.stream.bench;

import io.plantline.stream.backtest.NabScorer;
import io.plantline.stream.domain.AlarmRecord;
import io.plantline.stream.domain.Detector;
import io.plantline.stream.domain.EwmaZScore;
import io.plantline.stream.domain.LevelShift;
import io.plantline.stream.domain.Reading;
import io.plantline.stream.domain.RuleSet;
import io.plantline.stream.domain.RuleSpec;
import io.plantline.stream.job.JobSettings;
import io.plantline.stream.rules.RuleFiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Detection quality on NAB's {@code machine_temperature_system_failure.csv}, scored with NAB's own
 * scoring rules ({@link NabScorer}, standard profile; the raw per-file score: +4 is the earliest
 * possible detection of all four windows without false positives, −4 detects nothing).
 *
 * <p>The rules come from {@code nab/nab-rules.yaml} (and the previous rule, for comparison, from
 * {@code nab/nab-rules-ewma.yaml}), parsed by the job's {@link RuleFiles}; the csv is replayed
 * through the job's own rule and alarm-lifecycle operators ({@link JobReplay}) with the job's
 * default watermark bound. A detection is a RAISED alarm, at the row of its event time. The
 * detectors see the value stream only; the labels are read afterwards, to score.
 *
 * <p>{@code --sweep}: a grid of level-shift parameters (recent and baseline half-life, raise z;
 * clear z = raise z / 2, other keys as in the rule file). Each setting is scored on the first half
 * of the file by time (windows 1 and 2, the false positives before the midpoint) and on the second
 * half (windows 3 and 4, the false positives after it); NAB's score is a sum, so the halves add up
 * to the file's score. The setting with the best first-half score (ties: fewer alarms, then grid
 * order) is the one a user with only the first half of the labels would choose; its second-half
 * score is the out-of-sample figure.
 */
public final class NabDetectionBench {
  private static final long OUT_OF_ORDERNESS_MS = JobSettings.defaults().outOfOrdernessMs();

  private NabDetectionBench() {}

  /**
   * One replay, scored.
   *
   * @param rules the rule set
   * @param replay what the job operators produced
   * @param result NAB's verdict
   * @param ruleByRow the rule whose RAISED alarm flagged each row
   */
  record Run(
      RuleSet rules,
      JobReplay.Outcome replay,
      NabScorer.Result result,
      Map<Integer, String> ruleByRow) {}

  /** Prints the tables (and with {@code --sweep} the grid). */
  public static void main(String[] args) throws Exception {
    long begin = System.nanoTime();
    List<NabData.Sample> samples = NabData.samples();
    List<Reading> readings = NabData.readings(samples);
    List<NabScorer.Window> windows = NabData.windows();
    NabScorer scorer = new NabScorer(NabData.times(samples), windows, NabScorer.Profile.STANDARD);

    System.out.printf(
        Locale.ROOT,
        "NAB machine_temperature_system_failure.csv: %d rows, %d labelled windows; NAB scorer,"
            + " standard profile (A_TP 1, A_FP -0.11, A_FN -1), probationary period %d rows (until"
            + " %s) not scored; replayed through device-rules and alarm-lifecycle with a %d ms"
            + " out-of-orderness bound%n",
        samples.size(),
        windows.size(),
        scorer.probationRows(),
        NabData.format(scorer.probationEnd()),
        OUT_OF_ORDERNESS_MS);
    printPublished(scorer);

    Run before = run(rules("nab/nab-rules-ewma.yaml"), readings, scorer);
    System.out.printf(Locale.ROOT, "%nbefore: %s%n", describe(before.rules()));
    printRun(before, scorer, windows);

    Run now = run(rules("nab/nab-rules.yaml"), readings, scorer);
    System.out.printf(Locale.ROOT, "%nnow: %s%n", describe(now.rules()));
    printRun(now, scorer, windows);

    if (List.of(args).contains("--sweep")) {
      long first = samples.get(0).time();
      long last = samples.get(samples.size() - 1).time();
      NabSweep.print(now.rules(), readings, scorer, first + (last - first) / 2);
    }
    System.out.printf(Locale.ROOT, "%nbench time %.1f s%n", (System.nanoTime() - begin) / 1e9);
  }

  static RuleSet rules(String resource) {
    return RuleFiles.parse(NabData.text(resource), resource);
  }

  static Run run(RuleSet rules, List<Reading> readings, NabScorer scorer) throws Exception {
    JobReplay.Outcome replay = JobReplay.run(rules, readings, OUT_OF_ORDERNESS_MS);
    Map<Integer, String> ruleByRow = new TreeMap<>();
    for (AlarmRecord a : replay.raised()) {
      ruleByRow.putIfAbsent(scorer.rowAt(a.time()), a.ruleId());
    }
    return new Run(rules, replay, scorer.score(ruleByRow.keySet()), ruleByRow);
  }

  /** The rules' parameters, one line each. */
  static String describe(RuleSet rules) {
    List<String> lines = new ArrayList<>();
    for (Detector d : rules.rulesFor(NabData.DEVICE)) {
      RuleSpec spec = d.spec();
      String params = d.toString();
      if (d instanceof LevelShift l) {
        params =
            String.format(
                Locale.ROOT,
                "recent half-life %s, baseline half-life %s, raise |z| >= %.3f, clear |z| < %.3f,"
                    + " %d training samples, min std %.2f",
                hours(l.recentHalfLifeMs()),
                hours(l.baselineHalfLifeMs()),
                l.raiseZ(),
                l.clearZ(),
                l.minSamples(),
                l.minStd());
      } else if (d instanceof EwmaZScore e) {
        params =
            String.format(
                Locale.ROOT,
                "half-life %s, raise |z| >= %.3f, clear |z| < %.3f, %d training samples, min std"
                    + " %.2f",
                hours(e.halfLifeMs()),
                e.raiseZ(),
                e.clearZ(),
                e.minSamples(),
                e.minStd());
      }
      lines.add(
          String.format(
              Locale.ROOT,
              "rule %s (%s: %s; on-delay %s, off-delay %s)",
              spec.id(),
              spec.kind(),
              params,
              hours(spec.onDelayMs()),
              hours(spec.offDelayMs())));
    }
    return String.join("; ", lines);
  }

  private static void printPublished(NabScorer scorer) {
    StringBuilder line =
        new StringBuilder(
            "published NAB detectors on this file, rescored here (NAB's own figure):");
    for (NabData.Published p : NabData.published()) {
      line.append(
          String.format(
              Locale.ROOT,
              " %s %+.3f (%+.3f);",
              p.detector(),
              scorer.score(p.rows()).total(),
              p.score()));
    }
    System.out.println(line);
  }

  private static void printRun(Run run, NabScorer scorer, List<NabScorer.Window> windows) {
    NabScorer.Result r = run.result();
    System.out.println(
        "| window | start | end | detected | first detection | after start | before end | score |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (NabScorer.WindowScore w : r.windows()) {
      String start = NabData.format(w.window().start());
      String end = NabData.format(w.window().end());
      if (!w.detected()) {
        System.out.printf(
            Locale.ROOT,
            "| %d | %s | %s | no | - | - | - | %+.3f |%n",
            w.index() + 1,
            start,
            end,
            w.score());
        continue;
      }
      long t = scorer.timeOf(w.firstRow());
      System.out.printf(
          Locale.ROOT,
          "| %d | %s | %s | yes | %s | %.1f h | %.1f h | %+.3f |%n",
          w.index() + 1,
          start,
          end,
          NabData.format(t),
          (t - w.window().start()) / 3_600_000.0,
          (w.window().end() - t) / 3_600_000.0,
          w.score());
    }
    if (!r.falsePositives().isEmpty()) {
      System.out.println("| false positive | time | rule | after the last window's end | score |");
      System.out.println("|---|---|---|---|---|");
      for (NabScorer.FalsePositive fp : r.falsePositives()) {
        long t = scorer.timeOf(fp.row());
        NabScorer.Window previous =
            windows.stream()
                .filter(w -> w.end() < t)
                .max(Comparator.comparingLong(NabScorer.Window::end))
                .orElse(null);
        System.out.printf(
            Locale.ROOT,
            "| row %d | %s | %s | %s | %+.3f |%n",
            fp.row(),
            NabData.format(t),
            run.ruleByRow().get(fp.row()),
            previous == null ? "no earlier window" : hours(t - previous.end()),
            fp.score());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "NAB raw score %+.3f (of +%d; detecting nothing scores -%d): %d of %d windows detected,"
            + " %d false positives, %d RAISED alarms in all (%d in the probationary period, not"
            + " scored), %d late readings (dead letters in the job)%n",
        r.total(),
        windows.size(),
        windows.size(),
        r.detectedWindows(),
        windows.size(),
        r.falsePositives().size(),
        run.replay().raised().size(),
        r.probationRowsIgnored(),
        run.replay().lateReadings());
  }

  static String hours(long ms) {
    if (ms == 0) {
      return "0";
    }
    double h = ms / 3_600_000.0;
    return h == Math.rint(h)
        ? String.format(Locale.ROOT, "%d h", (long) h)
        : String.format(Locale.ROOT, "%.1f h", h);
  }
}
