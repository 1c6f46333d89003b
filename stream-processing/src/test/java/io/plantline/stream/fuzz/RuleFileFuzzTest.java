package io.plantline.stream.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.testkit.fuzz.Fuzzing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule-file compiler under Jazzer: the shipped files replayed, then a fixed-time run. */
class RuleFileFuzzTest {

  @Test
  void shouldCompileTheShippedRuleFiles() {
    assertThat(Fuzzing.replaySeeds(RuleFileFuzzTarget.class, "rule-file"))
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void shouldSurviveFuzzedRuleFiles(@TempDir Path work) {
    Fuzzing.assertClean(RuleFileFuzzTarget.class, "rule-file", work, 200, "org.yaml.snakeyaml.**");
  }
}
