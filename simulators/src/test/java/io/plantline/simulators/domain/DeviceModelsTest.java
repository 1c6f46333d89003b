package io.plantline.simulators.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceModelsTest {

  private static final String[] RANDOM_TYPES = {
    "motor-spindle", "energy-meter", "quality-gauge", "pump"
  };

  /** Every reading of every point after each of 600 steps of 1 s (plus a few events). */
  private static List<Double> trace(String type, long seed) {
    DeviceModel model = DeviceModels.create(type, Map.of(), seed);
    List<Double> values = new ArrayList<>();
    for (int step = 0; step < 600; step++) {
      model.advance(Duration.ofMillis(step % 2 == 0 ? 1000 : 250));
      for (String point : model.points()) {
        values.add(model.read(point));
      }
    }
    return values;
  }

  @Test
  void shouldListTheSixTypes() {
    assertThat(DeviceModels.types())
        .containsExactly(
            "motor-spindle",
            "energy-meter",
            "machine-meter",
            "quality-gauge",
            "pump",
            "csv-replay");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"motor-spindle", "energy-meter", "machine-meter", "quality-gauge", "pump"})
  void shouldGiveExactlyTheSameValuesForTheSameSeed(String type) {
    assertThat(trace(type, 1234)).isEqualTo(trace(type, 1234));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"motor-spindle", "energy-meter", "machine-meter", "quality-gauge", "pump"})
  void shouldGiveDifferentValuesForAnotherSeed(String type) {
    assertThat(trace(type, 1234)).isNotEqualTo(trace(type, 1235));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"motor-spindle", "energy-meter", "machine-meter", "quality-gauge", "pump"})
  void shouldRefuseNonPositiveStepsAndUnknownPoints(String type) {
    DeviceModel model = DeviceModels.create(type, null, 1);

    assertThatThrownBy(() -> model.advance(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dt");
    assertThatThrownBy(() -> model.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> model.read("no_such_point"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no_such_point");
    assertThatThrownBy(() -> model.write("no_such_point", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no_such_point");
    assertThat(model.type()).isEqualTo(type);
    assertThat(List.copyOf(model.points())).isEqualTo(List.copyOf(model.points()));
    assertThatThrownBy(() -> model.points().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldRejectAnUnknownTypeNamingItAndTheKnownOnes() {
    assertThatThrownBy(() -> DeviceModels.create("robot-arm", Map.of(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("robot-arm")
        .hasMessageContaining("motor-spindle");
  }

  @Test
  void shouldRejectAnUnknownParameterNamingItAndTheAcceptedOnes() {
    assertThatThrownBy(() -> DeviceModels.create("motor-spindle", Map.of("ratedSpeed", 1500), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ratedSpeed'")
        .hasMessageContaining("ratedSpeedRpm")
        .hasMessageContaining("partsPerMinute");
  }

  @Test
  void shouldRejectAnOutOfRangeParameterNamingItsRange() {
    assertThatThrownBy(() -> DeviceModels.create("pump", Map.of("speedSetpointPct", 120), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("speedSetpointPct")
        .hasMessageContaining("120")
        .hasMessageContaining("[0, 100]");
    assertThatThrownBy(() -> DeviceModels.create("quality-gauge", Map.of("sigmaMm", "wide"), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sigmaMm")
        .hasMessageContaining("wide");
    assertThatThrownBy(() -> DeviceModels.create("motor-spindle", Map.of("running", "maybe"), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("running")
        .hasMessageContaining("true or false");
    assertThatThrownBy(() -> DeviceModels.create("motor-spindle", Map.of("setpointRpm", 4000), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 3600]");
  }

  @Test
  void shouldAcceptNumbersBooleansAndNumericStrings() {
    Map<String, Object> params = new HashMap<>();
    params.put("ratedSpeedRpm", "1500");
    params.put("ratedCurrentA", 8L);
    params.put("running", Boolean.FALSE);
    params.put("ambientC", 30.5f);

    DeviceModel motor = DeviceModels.create("motor-spindle", params, 1);

    assertThat(motor.read(MotorSpindle.SETPOINT)).isEqualTo(1500);
    assertThat(motor.read(MotorSpindle.STATE)).isZero();
    assertThat(motor.read(MotorSpindle.TEMPERATURE)).isBetween(30.0, 31.0);
  }

  @Test
  void shouldCreateEveryTypeWithItsDefaults() {
    for (String type : RANDOM_TYPES) {
      DeviceModel model = DeviceModels.create(type, Map.of(), 1);
      for (String point : model.points()) {
        assertThat(model.read(point)).as("%s %s", type, point).isFinite();
      }
    }
  }
}
