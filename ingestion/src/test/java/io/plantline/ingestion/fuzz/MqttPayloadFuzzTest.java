package io.plantline.ingestion.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.testkit.fuzz.Fuzzing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge's payload validation under Jazzer: seeds replayed, then a fixed-time fuzzing run. */
class MqttPayloadFuzzTest {

  @Test
  void shouldAnswerEverySeedWithAVerdict() {
    assertThat(Fuzzing.replaySeeds(MqttPayloadFuzzTarget.class, "mqtt-payload"))
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void shouldSurviveFuzzing(@TempDir Path work) {
    Fuzzing.assertClean(
        MqttPayloadFuzzTarget.class, "mqtt-payload", work, 5_000, "com.fasterxml.jackson.**");
  }
}
