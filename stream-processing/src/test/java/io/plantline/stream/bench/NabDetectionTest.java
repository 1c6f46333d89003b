package io.plantline.stream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.stream.backtest.NabScorer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the NAB figures the README reports, scored by {@link NabScorer}: the shipped NAB rule,
 * replayed through the job's operators, must keep a NAB score above +3 with every window detected.
 * Not a tuning target; a regression fence.
 */
class NabDetectionTest {

  @Test
  void shouldKeepTheShippedNabRuleAboveThreeWithEveryWindowDetected() throws Exception {
    List<NabData.Sample> samples = NabData.samples();
    NabScorer scorer =
        new NabScorer(NabData.times(samples), NabData.windows(), NabScorer.Profile.STANDARD);

    NabDetectionBench.Run run =
        NabDetectionBench.run(
            NabDetectionBench.rules("nab/nab-rules.yaml"), NabData.readings(samples), scorer);

    assertThat(samples).hasSize(22_695);
    assertThat(run.result().detectedWindows()).isEqualTo(4);
    assertThat(run.result().total()).isGreaterThan(3.0);
  }
}
