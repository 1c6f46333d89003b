package io.plantline.stream.backtest;

import io.plantline.contracts.alarm.AlarmState;
import io.plantline.stream.domain.AlarmRecord;
import io.plantline.stream.domain.Detector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backtest produced: the alarm transitions (RAISED and CLEARED, in event-time order), each
 * rule's firing ratio per evaluated row, and from them the per-row {@link AnomalyScore}, the alarm
 * occurrences and the time in alarm.
 */
public final class BacktestResult {
  private final Series series;
  private final String deviceId;
  private final String metric;
  private final List<Detector> detectors;
  private final List<AlarmRecord> alarms;
  private final double[][] ratios;
  private final long elapsedNanos;
  private final long[] goodTimes;
  private final int[] goodIndexes;
  private final List<Occurrence> occurrences;

  /**
   * An alarm from RAISED to CLEARED.
   *
   * @param ruleId the rule
   * @param raised event time of the RAISED transition
   * @param cleared event time of the CLEARED transition, or -1 if still active at the end
   * @param raiseRow index (in {@link Series#rows()}) of the row it flags, or -1 if raised after the
   *     last row
   */
  public record Occurrence(String ruleId, long raised, long cleared, int raiseRow) {
    /** Whether it was still active at the end of the input. */
    public boolean open() {
      return cleared < 0;
    }
  }

  BacktestResult(
      Series series,
      String deviceId,
      String metric,
      List<Detector> detectors,
      List<AlarmRecord> alarms,
      double[][] ratios,
      long elapsedNanos) {
    this.series = series;
    this.deviceId = deviceId;
    this.metric = metric;
    this.detectors = List.copyOf(detectors);
    List<AlarmRecord> sorted = new ArrayList<>(alarms);
    sorted.sort(Comparator.comparingLong(AlarmRecord::time)); // stable: emission order at a time
    this.alarms = List.copyOf(sorted);
    this.ratios = ratios;
    this.elapsedNanos = elapsedNanos;
    List<InputRow> rows = series.rows();
    this.goodIndexes =
        java.util.stream.IntStream.range(0, rows.size()).filter(i -> rows.get(i).good()).toArray();
    this.goodTimes = Arrays.stream(goodIndexes).mapToLong(i -> rows.get(i).time()).toArray();
    this.occurrences = pairRaisesWithClears();
  }

  /** The input. */
  public Series series() {
    return series;
  }

  /** The device the rules ran for. */
  public String deviceId() {
    return deviceId;
  }

  /** The metric. */
  public String metric() {
    return metric;
  }

  /** The device's rules. */
  public List<Detector> detectors() {
    return detectors;
  }

  /** RAISED and CLEARED transitions in event-time order. */
  public List<AlarmRecord> alarms() {
    return alarms;
  }

  /** Rows evaluated. */
  public int evaluatedRows() {
    return goodIndexes.length;
  }

  /** Time the evaluation took (reading the input not included). */
  public long elapsedNanos() {
    return elapsedNanos;
  }

  /** Event time of the first and last evaluated row. */
  public long firstTime() {
    return goodTimes[0];
  }

  /** Event time of the last evaluated row. */
  public long lastTime() {
    return goodTimes[goodTimes.length - 1];
  }

  /** The alarms from RAISED to CLEARED, in raise order. */
  public List<Occurrence> occurrences() {
    return occurrences;
  }

  private List<Occurrence> pairRaisesWithClears() {
    Map<String, Long> clearedAt = new HashMap<>();
    for (AlarmRecord a : alarms) {
      if (a.state() == AlarmState.CLEARED) {
        clearedAt.put(a.alarmId(), a.time());
      }
    }
    List<Occurrence> out = new ArrayList<>();
    for (AlarmRecord a : alarms) {
      if (a.state() == AlarmState.RAISED) {
        long cleared = clearedAt.getOrDefault(a.alarmId(), -1L);
        out.add(new Occurrence(a.ruleId(), a.time(), cleared, rowAtOrAfter(a.time())));
      }
    }
    return List.copyOf(out);
  }

  /** Time in alarm of a rule (or of any rule with null) within the evaluated rows' span, in ms. */
  public long timeInAlarm(String ruleId) {
    long end = lastTime();
    List<long[]> spans = new ArrayList<>();
    for (Occurrence o : occurrences()) {
      if (ruleId == null || o.ruleId().equals(ruleId)) {
        long from = Math.min(o.raised(), end);
        long to = o.open() ? end : Math.min(o.cleared(), end);
        spans.add(new long[] {from, to});
      }
    }
    spans.sort(Comparator.comparingLong(s -> s[0]));
    long total = 0;
    long coveredTo = Long.MIN_VALUE;
    for (long[] s : spans) {
      long from = Math.max(s[0], coveredTo);
      if (s[1] > from) {
        total += s[1] - from;
      }
      coveredTo = Math.max(coveredTo, s[1]);
    }
    return total;
  }

  /** The anomaly score of every row, in input order (see {@link AnomalyScore}). */
  public double[] scores() {
    List<InputRow> rows = series.rows();
    double[] scores = new double[rows.size()];
    boolean[][] alarmActive = new boolean[detectors.size()][];
    for (int j = 0; j < detectors.size(); j++) {
      alarmActive[j] = new boolean[rows.size()];
    }
    for (Occurrence o : occurrences()) {
      int j = indexOf(o.ruleId());
      for (int g = firstGoodAtOrAfter(o.raised()); g < goodTimes.length; g++) {
        if (!o.open() && goodTimes[g] >= o.cleared()) {
          break;
        }
        alarmActive[j][goodIndexes[g]] = true;
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      if (ratios[i] == null) {
        continue;
      }
      double score = 0;
      for (int j = 0; j < detectors.size(); j++) {
        if (!alarmActive[j][i]) {
          score = Math.max(score, AnomalyScore.ofRatio(ratios[i][j]));
        }
      }
      scores[i] = score;
    }
    for (Occurrence o : occurrences()) {
      if (o.raiseRow() >= 0) {
        scores[o.raiseRow()] = AnomalyScore.RAISED;
      }
    }
    return scores;
  }

  private int indexOf(String ruleId) {
    for (int j = 0; j < detectors.size(); j++) {
      if (detectors.get(j).spec().id().equals(ruleId)) {
        return j;
      }
    }
    throw new IllegalStateException("alarm of an unknown rule " + ruleId);
  }

  private int firstGoodAtOrAfter(long time) {
    int at = Arrays.binarySearch(goodTimes, time);
    return at >= 0 ? at : -at - 1;
  }

  private int rowAtOrAfter(long time) {
    int g = firstGoodAtOrAfter(time);
    return g < goodIndexes.length ? goodIndexes[g] : -1;
  }
}
