package io.plantline.stream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryAnomalyJobMainTest {

  @Test
  void shouldReadOptionsAndDurations() {
    Map<String, String> options =
        TelemetryAnomalyJobMain.parse(
            new String[] {"--bootstrap-servers", "127.0.0.1:9092", "--checkpoint-interval", "5s"});

    assertThat(TelemetryAnomalyJobMain.duration(options, "checkpoint-interval", 1)).isEqualTo(5000);
    assertThat(TelemetryAnomalyJobMain.duration(options, "idleness", 30_000)).isEqualTo(30_000);
  }

  @Test
  void shouldNameTheOptionThatIsWrong() {
    assertThatThrownBy(() -> TelemetryAnomalyJobMain.parse(new String[] {"--rules", "x.yaml"}))
        .hasMessageStartingWith("--bootstrap-servers: missing");
    assertThatThrownBy(
            () -> TelemetryAnomalyJobMain.parse(new String[] {"--bootstrap", "127.0.0.1:9092"}))
        .hasMessageStartingWith("unknown option '--bootstrap'");
    assertThatThrownBy(
            () -> TelemetryAnomalyJobMain.duration(Map.of("idleness", "30 s"), "idleness", 1))
        .hasMessageStartingWith("--idleness: bad duration '30 s'");
    assertThatThrownBy(
            () -> TelemetryAnomalyJobMain.integer(Map.of("parallelism", "two"), "parallelism", 0))
        .hasMessageStartingWith("--parallelism: not a whole number");
  }
}
