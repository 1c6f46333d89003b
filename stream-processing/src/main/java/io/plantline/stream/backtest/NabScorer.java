package io.plantline.stream.backtest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The Numenta Anomaly Benchmark's scorer for one data file and a detector that either flags a row
 * or not, written after {@code nab/sweeper.py} of numenta/NAB ({@code calcSweepScore}, {@code
 * calcScoreByThreshold}, {@code scaledSigmoid}, {@code _getProbationaryLength}). A flagged row is
 * NAB's anomaly score 1.0 at threshold 1.0; what is returned is NAB's raw per-file score (the sum
 * the corpus score is normalised from), e.g. −4 for a file with four windows and no detection.
 *
 * <ul>
 *   <li>Positions are counted in rows, as NAB does. Row {@code i} inside a window with rows {@code
 *       left..right} has relative position {@code -(right - i + 1) / (right - left + 1)} (−1 at the
 *       first row) and weighs {@code scaledSigmoid(position) × A_TP / scaledSigmoid(−1)}, so the
 *       earliest possible detection earns exactly A_TP.
 *   <li>A window scores the best (that is, the earliest) of its flagged rows, or {@code −A_FN} when
 *       none is flagged; later rows in the same window change nothing.
 *   <li>A flagged row outside every window is a false positive weighing {@code A_FP ×
 *       scaledSigmoid(|i − right| / (right − left))} of the last window that ended before it (small
 *       just after a window, −A_FP three window lengths on), or {@code −A_FP} with no earlier
 *       window. Every flagged row counts, so a detector should flag an episode once.
 *   <li>{@code scaledSigmoid(y) = 2 / (1 + e^(5y)) − 1}, and −1 for {@code y > 3}.
 *   <li>The probationary period: the first {@code min(floor(0.15 × rows), 0.15 × 5000)} rows (750
 *       rows for files of 5,000 rows or more, not 15 % of them) are not scored; a window that ends
 *       inside it is not scored at all.
 * </ul>
 *
 * <p>Used by the backtest's summary (labelled windows, threshold sweep) and by the NAB benchmark.
 *
 * <p>One deviation: NAB silently never enters a window whose start is not a row's timestamp (and
 * then none after it); this class rejects such windows. Windows must be in time order, as NAB's
 * label files are. With duplicate timestamps a window limit is the first row with that time, as
 * {@code list.index} finds it in NAB.
 */
public final class NabScorer {
  /** NAB's probationary share of a file. */
  public static final double PROBATION_PERCENT = 0.15;

  /**
   * A NAB application profile (cost matrix).
   *
   * @param name profile name in NAB's {@code config/profiles.json}
   * @param tpWeight A_TP
   * @param fpWeight A_FP (positive; false positives subtract)
   * @param fnWeight A_FN (positive; a missed window subtracts it)
   */
  public record Profile(String name, double tpWeight, double fpWeight, double fnWeight) {
    /** NAB's standard profile. */
    public static final Profile STANDARD = new Profile("standard", 1.0, 0.11, 1.0);
  }

  /** A labelled anomaly window, inclusive limits in epoch ms. */
  public record Window(long start, long end) {}

  /**
   * The outcome of one window.
   *
   * @param index position in the label list, from 0
   * @param window the window
   * @param firstRow the first flagged scored row inside it, or -1
   * @param score its contribution: the credit of that row, or {@code -A_FN}
   */
  public record WindowScore(int index, Window window, int firstRow, double score) {
    public boolean detected() {
      return firstRow >= 0;
    }
  }

  /**
   * A flagged row outside every window.
   *
   * @param row the row
   * @param score its (negative) contribution
   */
  public record FalsePositive(int row, double score) {}

  /**
   * A scored file.
   *
   * @param windows the outcome of each scored window
   * @param falsePositives every false positive
   * @param truePositiveRows flagged scored rows inside windows (NAB's TP count)
   * @param probationRowsIgnored flagged rows inside the probationary period
   * @param total NAB's raw score: window scores plus false positives
   */
  public record Result(
      List<WindowScore> windows,
      List<FalsePositive> falsePositives,
      int truePositiveRows,
      int probationRowsIgnored,
      double total) {
    public int detectedWindows() {
      return (int) windows.stream().filter(WindowScore::detected).count();
    }
  }

  private final List<Long> rowTimes;
  private final List<Window> windows;
  private final Profile profile;
  private final int[] lefts;
  private final int[] rights;
  private final int probationRows;

  /** A scorer for a file with these row timestamps (in file order) and labels. */
  public NabScorer(List<Long> rowTimes, List<Window> windows, Profile profile) {
    this.rowTimes = List.copyOf(rowTimes);
    this.windows = List.copyOf(windows);
    this.profile = profile;
    this.lefts = new int[windows.size()];
    this.rights = new int[windows.size()];
    for (int w = 0; w < windows.size(); w++) {
      lefts[w] = this.rowTimes.indexOf(windows.get(w).start());
      rights[w] = this.rowTimes.indexOf(windows.get(w).end());
      if (lefts[w] < 0 || rights[w] < 0) {
        throw new IllegalArgumentException("window " + w + " limits are not row timestamps");
      }
      if (rights[w] < lefts[w] || (w > 0 && lefts[w] <= rights[w - 1])) {
        throw new IllegalArgumentException(
            "window " + w + " is empty or overlaps an earlier window");
      }
    }
    int n = this.rowTimes.size();
    this.probationRows =
        (int) Math.min(Math.floor(PROBATION_PERCENT * n), PROBATION_PERCENT * 5000);
  }

  /** NAB's scaled sigmoid of a relative position. */
  public static double scaledSigmoid(double y) {
    return y > 3.0 ? -1.0 : 2 / (1 + Math.exp(5 * y)) - 1;
  }

  /** Rows not scored at the start of the file. */
  public int probationRows() {
    return probationRows;
  }

  /** The first row at or after which scoring starts, as a timestamp. */
  public long probationEnd() {
    return rowTimes.get(probationRows);
  }

  /** The window a row lies in, or -1. */
  public int windowOf(int row) {
    for (int w = 0; w < lefts.length; w++) {
      if (row >= lefts[w] && row <= rights[w]) {
        return w;
      }
    }
    return -1;
  }

  /** What flagging this row would add: a true-positive credit or a false-positive cost. */
  public double rowScore(int row) {
    int w = windowOf(row);
    if (w >= 0) {
      double position = -(rights[w] - row + 1.0) / (rights[w] - lefts[w] + 1.0);
      return scaledSigmoid(position) * profile.tpWeight() / scaledSigmoid(-1.0);
    }
    int previous = -1;
    for (int p = 0; p < rights.length && rights[p] < row; p++) {
      previous = p;
    }
    if (previous < 0) {
      return -1.0 * profile.fpWeight();
    }
    double past = Math.abs(rights[previous] - row) / (double) (rights[previous] - lefts[previous]);
    return scaledSigmoid(past) * profile.fpWeight();
  }

  /** A row's timestamp. */
  public long timeOf(int row) {
    return rowTimes.get(row);
  }

  /** The first row with this timestamp, or -1 (how an alarm's event time maps to a row). */
  public int rowAt(long time) {
    return rowTimes.indexOf(time);
  }

  /** Scores the flagged rows (indexes into the file, any order, duplicates ignored). */
  public Result score(Collection<Integer> flaggedRows) {
    boolean[] flagged = new boolean[rowTimes.size()];
    for (int row : flaggedRows) {
      flagged[row] = true;
    }
    List<WindowScore> windowScores = new ArrayList<>();
    List<FalsePositive> falsePositives = new ArrayList<>();
    int tp = 0;
    int ignored = 0;
    double total = 0;
    for (int row = 0; row < flagged.length; row++) {
      if (!flagged[row]) {
        continue;
      }
      if (row < probationRows) {
        ignored++;
      } else if (windowOf(row) >= 0) {
        tp++;
      } else {
        FalsePositive fp = new FalsePositive(row, rowScore(row));
        falsePositives.add(fp);
        total += fp.score();
      }
    }
    for (int w = 0; w < lefts.length; w++) {
      if (rights[w] < probationRows) {
        continue; // NAB scores only windows that have rows after the probationary period
      }
      int first = -1;
      for (int row = Math.max(lefts[w], probationRows); row <= rights[w]; row++) {
        if (flagged[row]) {
          first = row;
          break;
        }
      }
      // NAB keeps the maximum over the window's flagged rows; credits fall with the position, so
      // that is the first one, and it is never below -A_FN.
      double s = first < 0 ? -profile.fnWeight() : Math.max(-profile.fnWeight(), rowScore(first));
      windowScores.add(new WindowScore(w, windows.get(w), first, s));
      total += s;
    }
    return new Result(windowScores, falsePositives, tp, ignored, total);
  }
}
