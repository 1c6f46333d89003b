package io.plantline.energy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.testkit.fuzz.Fuzzing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The energy site-file reader under Jazzer. */
class SiteFileFuzzTest {

  @Test
  void shouldLoadTheShippedFiles() {
    assertThat(Fuzzing.replaySeeds(SiteFileFuzzTarget.class, "energy-sites"))
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void shouldSurviveFuzzedFiles(@TempDir Path work) {
    Fuzzing.assertClean(
        SiteFileFuzzTarget.class, "energy-sites", work, 200, "com.fasterxml.jackson.**");
  }
}
