package io.plantline.scheduling.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.testkit.fuzz.Fuzzing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule request reader and the instance reader under Jazzer. */
class SchedulingFuzzTest {

  @Test
  void shouldReadTheSeeds() {
    assertThat(Fuzzing.replaySeeds(ScheduleRequestFuzzTarget.class, "schedule-request"))
        .isGreaterThanOrEqualTo(1);
    assertThat(Fuzzing.replaySeeds(JobShopInstanceFuzzTarget.class, "jobshop-instance"))
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void shouldSurviveFuzzedScheduleRequests(@TempDir Path work) {
    Fuzzing.assertClean(
        ScheduleRequestFuzzTarget.class,
        "schedule-request",
        work,
        2_000,
        "com.fasterxml.jackson.**");
  }

  @Test
  void shouldSurviveFuzzedInstanceFiles(@TempDir Path work) {
    Fuzzing.assertClean(JobShopInstanceFuzzTarget.class, "jobshop-instance", work, 1_000);
  }
}
