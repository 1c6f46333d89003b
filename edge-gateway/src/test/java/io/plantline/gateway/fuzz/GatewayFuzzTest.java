package io.plantline.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantline.gateway.app.ModbusResponseFuzzTarget;
import io.plantline.testkit.fuzz.Fuzzing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's Modbus answer handling and its config reader under Jazzer. */
class GatewayFuzzTest {

  @Test
  void shouldHandleEveryRecordedAnswerAndConfig() {
    assertThat(Fuzzing.replaySeeds(ModbusResponseFuzzTarget.class, "modbus-response"))
        .isGreaterThanOrEqualTo(5);
    assertThat(Fuzzing.replaySeeds(GatewayConfigFuzzTarget.class, "gateway-config"))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void shouldSurviveFuzzedModbusAnswers(@TempDir Path work) {
    Fuzzing.assertClean(
        ModbusResponseFuzzTarget.class, "modbus-response", work, 2_000, "com.ghgande.**");
  }

  @Test
  void shouldSurviveFuzzedConfigFiles(@TempDir Path work) {
    Fuzzing.assertClean(
        GatewayConfigFuzzTarget.class, "gateway-config", work, 500, "org.yaml.snakeyaml.**");
  }
}
