package io.plantline.stream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.stream.domain.EwmaZScore;
import io.plantline.stream.rules.RuleFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the NAB figures the README reports: the shipped NAB rule must keep finding at least the
 * two windows it finds today with at most two false alarms. Not a tuning target; a regression
 * fence.
 */
class NabDetectionTest {

  @Test
  void shouldKeepDetectingTheNabWindowsItDetectsWithFewFalseAlarms() {
    EwmaZScore detector =
        (EwmaZScore)
            RuleFiles.parse(NabDetectionBench.text("nab/nab-rules.yaml"), "nab/nab-rules.yaml")
                .rulesFor("nab-machine-temperature")
                .get(0);
    List<NabDetectionBench.Sample> samples = NabDetectionBench.samples();
    NabDetectionBench.Score score =
        NabDetectionBench.score(
            NabDetectionBench.detect(detector, samples), NabDetectionBench.windows(), samples);

    assertThat(samples).hasSize(22_695);
    assertThat(score.detected()).isGreaterThanOrEqualTo(2);
    assertThat(score.falseAlarms()).isLessThanOrEqualTo(2);
  }
}
