package io.plantline.stream.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.contracts.alarm.AlarmState;
import io.plantline.stream.domain.AlarmRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The backtest on series with known faults and on bad input. */
class BacktestTest {
  private static final String DEVICE = "line-1-temperature";

  private static BacktestResult backtest(String csv) {
    Series series = CsvSeries.parse(csv, "test.csv").check(false);
    return new Backtest(SyntheticSeries.rules(), DEVICE, "value").run(series);
  }

  private static Set<Integer> rowsScoring(double[] scores, double atLeast) {
    return IntStream.range(0, scores.length)
        .filter(i -> scores[i] >= atLeast)
        .boxed()
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void shouldFlagTheSpikeRowAndTheFirstRowsOfTheStepAndNothingElse() {
    int spike = 1000;
    int step = 1500;
    SyntheticSeries injected = SyntheticSeries.spikeAndStep(2000, spike, step, 7);

    BacktestResult result = backtest(injected.csv());
    double[] scores = result.scores();

    Set<Integer> flagged = rowsScoring(scores, AnomalyScore.RAISED);
    assertThat(flagged).contains(spike, step);
    // rules that need the step to last (level shift, 5 min above 58 + 2 min on-delay) come later,
    // but within half an hour of it
    assertThat(flagged).allMatch(row -> row == spike || (row >= step && row < step + 30));
    assertThat(result.alarms())
        .filteredOn(a -> a.state() == AlarmState.RAISED && a.time() < SyntheticSeries.time(step))
        .extracting(AlarmRecord::time)
        .containsOnly(SyntheticSeries.time(spike));
    assertThat(result.occurrences())
        .extracting(BacktestResult.Occurrence::ruleId)
        .contains("temperature-outlier", "temperature-climb", "temperature-level-shift")
        .contains("temperature-high");
  }

  @Test
  void shouldScoreContinuouslyBelowOneAwayFromTheAlarms() {
    BacktestResult result = backtest(SyntheticSeries.spikeAndStep(2000, 1000, 1500, 11).csv());
    double[] scores = result.scores();

    double[] others = Arrays.stream(scores).filter(s -> s < AnomalyScore.RAISED).toArray();
    assertThat(Arrays.stream(others).min().orElseThrow()).isGreaterThanOrEqualTo(0);
    assertThat(Arrays.stream(others).max().orElseThrow())
        .isLessThanOrEqualTo(AnomalyScore.BELOW_RAISE);
    assertThat(Arrays.stream(others).distinct().count()).isGreaterThan(1000);
    // the quiet rows before the spike (after training) stay well below the raise level
    assertThat(Arrays.stream(scores, 200, 990).max().orElseThrow()).isLessThan(0.5);
    assertThat(Arrays.stream(scores, 200, 990).max().orElseThrow()).isGreaterThan(0);
  }

  @Test
  void shouldMapTheFiringRatioThroughALogisticThatIsOneHalfAtTheRaiseLevel() {
    assertThat(AnomalyScore.ofRatio(1.0)).isEqualTo(0.5);
    assertThat(AnomalyScore.ofRatio(0.5)).isLessThan(AnomalyScore.ofRatio(0.9));
    assertThat(AnomalyScore.ofRatio(100)).isEqualTo(AnomalyScore.BELOW_RAISE);
    assertThat(AnomalyScore.ofRatio(Double.NaN)).isZero();
  }

  private static final String BAD_ROWS =
      """
      timestamp,value
      2024-01-01 00:00:00,50.1
      2024-01-01 00:01:00,50.2
      2024-01-01 00:02:00,abc
      2024-01-01 00:03:00,50.3

      garbage
      2024-01-01 00:04:00,50.4
      2024-01-01 00:03:30,50.5
      2024-01-01 00:04:00,50.6
      2024-01-01 00:05:00,50.7
      not a time,50.8
      """;

  @Test
  void shouldStopAtTheFirstBadRowNamingItsLineAndRow() {
    Series series = CsvSeries.parse(BAD_ROWS, "bad.csv");

    assertThatThrownBy(() -> series.check(true))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("bad.csv line 4 (row 3): value 'abc' is not a number")
        .hasMessageContaining("and 4 more bad rows");
  }

  @Test
  void shouldSkipBadRowsReportingEachAndKeepOneOutputRowPerInputRow() {
    Series series = CsvSeries.parse(BAD_ROWS, "bad.csv").check(false);

    assertThat(series.badRows())
        .extracting(InputRow::line, InputRow::row)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(4L, 3L),
            org.assertj.core.groups.Tuple.tuple(7L, 5L),
            org.assertj.core.groups.Tuple.tuple(9L, 7L),
            org.assertj.core.groups.Tuple.tuple(10L, 8L),
            org.assertj.core.groups.Tuple.tuple(12L, 10L));
    assertThat(series.badRows().get(1).problem()).startsWith("expected 2 fields");
    assertThat(series.badRows().get(2).problem())
        .isEqualTo(
            "timestamp 2024-01-01 00:03:30 is not after the previous good row's"
                + " 2024-01-01 00:04:00 (line 8): timestamps must increase");
    assertThat(series.badRows().get(3).problem()).contains("is not after");
    assertThat(series.badRows().get(4).problem()).startsWith("timestamp 'not a time'");

    BacktestResult result = new Backtest(SyntheticSeries.rules(), DEVICE, "value").run(series);
    assertThat(result.evaluatedRows()).isEqualTo(5);
    assertThat(result.scores()).hasSize(10);
    for (InputRow bad : series.badRows()) {
      assertThat(result.scores()[(int) bad.row() - 1]).isZero();
    }
    String summary = BacktestReport.summary(result, "rules.yaml", null, 0, 0);
    assertThat(summary).contains("10 read, 5 evaluated, 5 bad").contains("line 9 (row 7)");
  }

  @Test
  void shouldRejectAnEmptyInput() {
    for (String text : List.of("", "timestamp,value\n", "\n\n")) {
      Series series = CsvSeries.parse(text, "empty.csv");
      assertThatThrownBy(() -> series.check(false))
          .isInstanceOf(BadInputException.class)
          .hasMessage("empty.csv: no data rows (empty input)");
    }
  }

  @Test
  void shouldRejectAnInputWithoutAnyGoodRowEvenWhenSkipping() {
    Series series = CsvSeries.parse("timestamp,value\nx,1\ny,2\n", "all-bad.csv");

    assertThatThrownBy(() -> series.check(false))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("none of the 2 rows is good")
        .hasMessageContaining("line 2 (row 1)");
  }

  @Test
  void shouldParseNabAndIsoTimestampsAlike() {
    long t = SyntheticSeries.START;
    assertThat(Series.parseTime("2024-01-01 00:00:00")).isEqualTo(t);
    assertThat(Series.parseTime("2024-01-01T00:00:00.000000Z")).isEqualTo(t);
    assertThat(Series.parseTime("2024-01-01T01:00:00+01:00")).isEqualTo(t);
    assertThat(Series.parseTime("2024-01-01 00:00:00.250")).isEqualTo(t + 250);
    assertThatThrownBy(() -> Series.parseTime("2024-02-30 00:00:00"))
        .isInstanceOf(java.time.format.DateTimeParseException.class);
  }
}
