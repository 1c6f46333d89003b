package io.plantline.stream.backtest;

import io.plantline.stream.domain.Detector;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The backtest's outputs: the per-row results file in NAB's format ({@code
 * timestamp,value,anomaly_score}, one row per input row, bad rows with score 0) and the summary
 * text (alarms per rule, time in alarm, bad rows, rate; with labelled windows, each window's
 * verdict, the false alarms, NAB's score and a threshold sweep over the anomaly score).
 */
public final class BacktestReport {
  /** Thresholds of the sweep over the anomaly score, 1 = the alarms only. */
  public static final double[] SWEEP = {
    1.0, 0.9, 0.7, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1
  };

  /** Occurrences listed per rule; the rest are counted. */
  static final int LISTED_PER_RULE = 25;

  /** Bad rows listed; the rest are counted. */
  static final int LISTED_BAD_ROWS = 10;

  private BacktestReport() {}

  /** Writes {@code timestamp,value,anomaly_score}, one row per input row. */
  public static void writeScores(BacktestResult result, Path out) throws IOException {
    double[] scores = result.scores();
    List<InputRow> rows = result.series().rows();
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("timestamp,value,anomaly_score\n");
      StringBuilder line = new StringBuilder(64);
      for (int i = 0; i < rows.size(); i++) {
        InputRow r = rows.get(i);
        line.setLength(0);
        line.append(csvField(r.timestamp())).append(',').append(csvField(r.value())).append(',');
        appendSixDecimals(line, scores[i]).append('\n');
        w.write(line.toString());
      }
    }
  }

  /**
   * Scores the alarms (and the sweep) against labelled windows.
   *
   * @param result the backtest
   * @param windows the labelled windows of this input
   * @return the scorer over the rows that have a timestamp, and the series index of each of its
   *     rows
   */
  public static Labelled label(BacktestResult result, List<NabScorer.Window> windows) {
    List<InputRow> rows = result.series().rows();
    List<Long> times = new ArrayList<>();
    List<Integer> seriesIndex = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).hasTime()) {
        times.add(rows.get(i).time());
        seriesIndex.add(i);
      }
    }
    return new Labelled(
        new NabScorer(times, windows, NabScorer.Profile.STANDARD), seriesIndex, result.scores());
  }

  /**
   * A backtest scored against labelled windows.
   *
   * @param scorer NAB's scorer over the timed rows
   * @param seriesIndex the series row of each scorer row
   * @param scores the anomaly score of each series row
   */
  public record Labelled(NabScorer scorer, List<Integer> seriesIndex, double[] scores) {
    /** NAB's verdict on the rows whose score reaches {@code threshold}. */
    public NabScorer.Result atThreshold(double threshold) {
      List<Integer> flagged = new ArrayList<>();
      for (int k = 0; k < seriesIndex.size(); k++) {
        if (scores[seriesIndex.get(k)] >= threshold) {
          flagged.add(k);
        }
      }
      return scorer.score(flagged);
    }
  }

  /** The summary text; {@code labelled} may be null (no windows given). */
  public static String summary(
      BacktestResult result,
      String rulesSource,
      Labelled labelled,
      double readSeconds,
      double writeSeconds) {
    StringBuilder out = new StringBuilder();
    Series series = result.series();
    List<InputRow> bad = series.badRows();
    line(
        out,
        "backtest of %s: device %s, metric %s, rules %s",
        series.source(),
        result.deviceId(),
        result.metric(),
        rulesSource);
    line(
        out,
        "rows: %d read, %d evaluated, %d bad (skipped, score 0); %s to %s (%s)",
        series.rows().size(),
        result.evaluatedRows(),
        bad.size(),
        Series.formatTime(result.firstTime()),
        Series.formatTime(result.lastTime()),
        duration(result.lastTime() - result.firstTime()));
    for (int i = 0; i < Math.min(bad.size(), LISTED_BAD_ROWS); i++) {
      line(out, "  bad row: %s", bad.get(i).describeProblem());
    }
    if (bad.size() > LISTED_BAD_ROWS) {
      line(out, "  … and %d more bad rows", bad.size() - LISTED_BAD_ROWS);
    }
    double seconds = result.elapsedNanos() / 1e9;
    int rows = series.rows().size();
    double total = readSeconds + seconds + writeSeconds;
    line(
        out,
        "rate: %d rows read in %.3f s, evaluated in %.3f s (%.0f rows/s), results written in %.3f"
            + " s; %.0f rows/s in all",
        rows,
        readSeconds,
        seconds,
        result.evaluatedRows() / Math.max(seconds, 1e-9),
        writeSeconds,
        rows / Math.max(total, 1e-9));
    rules(out, result);
    if (labelled != null) {
      windows(out, result, labelled);
      sweep(out, labelled);
    }
    return out.toString();
  }

  private static void rules(StringBuilder out, BacktestResult result) {
    long span = result.lastTime() - result.firstTime();
    line(out, "");
    line(
        out, "alarms per rule (raise and clear by the job's rule evaluation and alarm lifecycle):");
    for (Detector d : result.detectors()) {
      String id = d.spec().id();
      List<BacktestResult.Occurrence> mine =
          result.occurrences().stream().filter(o -> o.ruleId().equals(id)).toList();
      long inAlarm = result.timeInAlarm(id);
      line(
          out,
          "- %s (%s, on-delay %s, off-delay %s): %d alarm%s, %s in alarm (%.2f %% of the span)%s",
          id,
          d.spec().kind(),
          duration(d.spec().onDelayMs()),
          duration(d.spec().offDelayMs()),
          mine.size(),
          mine.size() == 1 ? "" : "s",
          duration(inAlarm),
          span == 0 ? 0.0 : 100.0 * inAlarm / span,
          d.inputs().contains(result.metric()) && d.inputs().size() == 1
              ? ""
              : "; also reads " + otherInputs(d, result.metric()) + ", absent from this input");
      for (int i = 0; i < Math.min(mine.size(), LISTED_PER_RULE); i++) {
        BacktestResult.Occurrence o = mine.get(i);
        line(
            out,
            "    raised %s, %s%s",
            Series.formatTime(o.raised()),
            o.open()
                ? "still active at the end"
                : "cleared "
                    + Series.formatTime(o.cleared())
                    + " ("
                    + duration(o.cleared() - o.raised())
                    + ")",
            o.raiseRow() < 0 ? ", after the last row (end of input)" : "");
      }
      if (mine.size() > LISTED_PER_RULE) {
        line(out, "    … and %d more", mine.size() - LISTED_PER_RULE);
      }
    }
    long any = result.timeInAlarm(null);
    line(
        out,
        "time in alarm (any rule): %s of %s (%.2f %%)",
        duration(any),
        duration(span),
        span == 0 ? 0.0 : 100.0 * any / span);
  }

  private static void windows(StringBuilder out, BacktestResult result, Labelled labelled) {
    NabScorer scorer = labelled.scorer();
    NabScorer.Result r = labelled.atThreshold(AnomalyScore.RAISED);
    TreeMap<Long, String> ruleAt = new TreeMap<>();
    result.occurrences().forEach(o -> ruleAt.putIfAbsent(o.raised(), o.ruleId()));
    line(out, "");
    line(
        out,
        "labelled windows (NAB standard profile; a detection is a RAISED alarm's row; the first %d"
            + " rows are NAB's probationary period, not scored):",
        scorer.probationRows());
    line(
        out,
        "| window | start | end | detected | first detection | after start | before end | NAB credit |");
    line(out, "|---|---|---|---|---|---|---|---|");
    for (NabScorer.WindowScore w : r.windows()) {
      String start = Series.formatTime(w.window().start());
      String end = Series.formatTime(w.window().end());
      if (!w.detected()) {
        line(
            out, "| %d | %s | %s | no | - | - | - | %+.3f |", w.index() + 1, start, end, w.score());
        continue;
      }
      long t = scorer.timeOf(w.firstRow());
      line(
          out,
          "| %d | %s | %s | yes | %s | %s | %s | %+.3f |",
          w.index() + 1,
          start,
          end,
          Series.formatTime(t),
          duration(t - w.window().start()),
          duration(w.window().end() - t),
          w.score());
    }
    line(out, "false alarms outside windows: %d", r.falsePositives().size());
    for (NabScorer.FalsePositive fp : r.falsePositives()) {
      long t = scorer.timeOf(fp.row());
      var rule = ruleAt.floorEntry(t);
      line(
          out,
          "- %s (%s) %+.3f",
          Series.formatTime(t),
          rule == null ? "?" : rule.getValue(),
          fp.score());
    }
    if (r.probationRowsIgnored() > 0) {
      line(out, "alarms in the probationary period (not scored): %d", r.probationRowsIgnored());
    }
    line(
        out,
        "NAB raw score of the alarms: %+.3f (of +%d; detecting nothing scores -%d), %d of %d windows",
        r.total(),
        r.windows().size(),
        r.windows().size(),
        r.detectedWindows(),
        r.windows().size());
  }

  private static void sweep(StringBuilder out, Labelled labelled) {
    line(out, "");
    line(
        out,
        "threshold sweep over anomaly_score (flagged = score >= threshold; NAB standard profile):");
    line(
        out,
        "| threshold | flagged rows | windows detected | rows in windows | false-positive rows | NAB score |");
    line(out, "|---|---|---|---|---|---|");
    for (double threshold : SWEEP) {
      NabScorer.Result r = labelled.atThreshold(threshold);
      long flagged =
          labelled.seriesIndex().stream().filter(i -> labelled.scores()[i] >= threshold).count();
      line(
          out,
          "| %.2f | %d | %d of %d | %d | %d | %+.3f |",
          threshold,
          flagged,
          r.detectedWindows(),
          r.windows().size(),
          r.truePositiveRows(),
          r.falsePositives().size(),
          r.total());
    }
  }

  private static String otherInputs(Detector d, String metric) {
    List<String> others = new ArrayList<>(d.inputs());
    others.remove(metric);
    others.sort(null);
    return String.join(", ", others);
  }

  /** A duration as days, hours or minutes with one decimal. */
  static String duration(long ms) {
    if (ms == 0) {
      return "0";
    }
    if (ms >= 86_400_000L) {
      return String.format(Locale.ROOT, "%.1f d", ms / 86_400_000.0);
    }
    if (ms >= 3_600_000L) {
      return String.format(Locale.ROOT, "%.1f h", ms / 3_600_000.0);
    }
    if (ms >= 60_000L) {
      return String.format(Locale.ROOT, "%.1f min", ms / 60_000.0);
    }
    return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  /** A score in [0, 1] with six decimals, as {@code %.6f} would write it, without a formatter. */
  static StringBuilder appendSixDecimals(StringBuilder out, double score) {
    long micros = Math.round(score * 1_000_000);
    String fraction = Long.toString(micros % 1_000_000);
    out.append(micros / 1_000_000).append('.');
    out.append("000000", 0, 6 - fraction.length()).append(fraction);
    return out;
  }

  private static String csvField(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
