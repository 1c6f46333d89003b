package io.plantline.quality.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.testkit.fuzz.Fuzzing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The characteristics file reader under Jazzer. */
class CharacteristicsFileFuzzTest {

  @Test
  void shouldLoadTheShippedFile() {
    assertThat(Fuzzing.replaySeeds(CharacteristicsFileFuzzTarget.class, "characteristics"))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void shouldSurviveFuzzedFiles(@TempDir Path work) {
    Fuzzing.assertClean(
        CharacteristicsFileFuzzTarget.class,
        "characteristics",
        work,
        200,
        "com.fasterxml.jackson.**");
  }
}
