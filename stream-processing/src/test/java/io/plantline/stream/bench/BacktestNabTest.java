package io.plantline.stream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.contracts.alarm.AlarmState;
import io.plantline.stream.backtest.Backtest;
import io.plantline.stream.backtest.BacktestReport;
import io.plantline.stream.backtest.BacktestResult;
import io.plantline.stream.backtest.CsvSeries;
import io.plantline.stream.backtest.NabScorer;
import io.plantline.stream.backtest.Series;
import io.plantline.stream.domain.AlarmRecord;
import io.plantline.stream.domain.RuleSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The backtest on NAB's machine-temperature file: the same alarms as the job's operators replayed
 * by {@link JobReplay}, and a threshold sweep over its anomaly score that trades windows detected
 * against false positives.
 */
class BacktestNabTest {
  private static final String CSV = "nab/machine_temperature_system_failure.csv";

  private static BacktestResult backtest(RuleSet rules) {
    Series series = CsvSeries.parse(NabData.text(CSV), CSV).check(false);
    return new Backtest(rules, NabData.DEVICE, "value").run(series);
  }

  @Test
  void shouldRaiseAtTheSameTimesAsTheJobsOperators() throws Exception {
    for (String file : List.of("nab/nab-rules.yaml", "nab/nab-rules-ewma.yaml")) {
      RuleSet rules = NabDetectionBench.rules(file);
      List<Long> replayed =
          JobReplay.run(rules, NabData.readings(NabData.samples()), 5_000).raised().stream()
              .map(AlarmRecord::time)
              .toList();

      List<Long> backtested =
          backtest(rules).alarms().stream()
              .filter(a -> a.state() == AlarmState.RAISED)
              .map(AlarmRecord::time)
              .toList();

      assertThat(backtested).as(file).isNotEmpty().isEqualTo(replayed);
    }
  }

  @Test
  void shouldTradeDetectionsAgainstFalsePositivesAlongAThresholdSweep() {
    BacktestResult result = backtest(NabDetectionBench.rules("nab/nab-rules-ewma.yaml"));
    BacktestReport.Labelled labelled = BacktestReport.label(result, NabData.windows());

    List<NabScorer.Result> sweep = new ArrayList<>();
    for (double threshold : BacktestReport.SWEEP) {
      sweep.add(labelled.atThreshold(threshold));
    }

    NabScorer.Result alarmsOnly = sweep.get(0);
    NabScorer.Result lowest = sweep.get(sweep.size() - 1);
    assertThat(lowest.detectedWindows()).isGreaterThan(alarmsOnly.detectedWindows());
    assertThat(lowest.falsePositives().size()).isGreaterThan(alarmsOnly.falsePositives().size());
    for (int i = 1; i < sweep.size(); i++) {
      // a lower threshold flags a superset of rows
      assertThat(sweep.get(i).falsePositives().size())
          .isGreaterThanOrEqualTo(sweep.get(i - 1).falsePositives().size());
      assertThat(sweep.get(i).detectedWindows())
          .isGreaterThanOrEqualTo(sweep.get(i - 1).detectedWindows());
    }
    assertThat(sweep.stream().map(NabScorer.Result::total).distinct().count()).isGreaterThan(3);
  }
}
