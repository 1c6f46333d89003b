package io.plantline.quality.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantline.quality.domain.Characteristic;
import io.plantline.quality.domain.ChartType;
import io.plantline.quality.domain.Rule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The characteristics file: a good file reads, a bad one is rejected naming the key path. */
class CharacteristicsFileTest {

  private static final String GOOD =
      """
      characteristics:
        - id: bore
          deviceId: bore-gauge
          metric: measured_dimension_mm
          chart: XBAR_S
          subgroup: {size: 4, window: PT5M}
          spec: {lsl: 24.985, usl: 25.015, target: 25.0}
          rules: [WE1, N7]
          baselineSubgroups: 30
        - id: scrap
          deviceId: press-07
          metric: rejects
          chart: P
          sampleSize: 200
      """;

  @Test
  void shouldReadTheShippedFileAndAGoodOne() {
    assertThat(CharacteristicsFile.read(Path.of("config/plant-small-quality.yaml"))).hasSize(3);
    List<Characteristic> all = CharacteristicsFile.parse(GOOD);
    Characteristic bore = all.get(0);
    assertThat(bore.chart()).isEqualTo(ChartType.XBAR_S);
    assertThat(bore.subgroupWindow()).contains(Duration.ofMinutes(5));
    assertThat(bore.rules()).containsExactlyInAnyOrder(Rule.WE1, Rule.N7);
    assertThat(bore.baselineSubgroups()).isEqualTo(30);
    assertThat(all.get(1).sampleSize()).isEqualTo(200);
    assertThat(all.get(1).rules()).hasSize(8);
  }

  @Test
  void shouldNameTheFieldOfEachMistake() {
    rejects(GOOD.replace("size: 4", "size: 1"), "characteristics[0].subgroup.size");
    rejects(GOOD.replace("size: 4", "size: 26"), "characteristics[0].subgroup.size");
    rejects(GOOD.replace("PT5M", "5 minutes"), "characteristics[0].subgroup.window");
    rejects(GOOD.replace("usl: 25.015", "usl: 24.9"), "characteristics[0].spec.usl");
    rejects(GOOD.replace("[WE1, N7]", "[WE1, WE9]"), "characteristics[0].rules[1]");
    rejects(GOOD.replace("chart: P", "chart: Q"), "characteristics[1].chart");
    rejects(GOOD.replace("sampleSize: 200", "sampleSize: 0"), "characteristics[1].sampleSize");
    rejects(
        GOOD.replace("deviceId: press-07", "deviceId: press 07"), "characteristics[1].deviceId");
    rejects(GOOD.replace("id: scrap", "id: bore"), "characteristics[1].id");
    rejects(
        GOOD.replace("baselineSubgroups: 30", "baselineSubgroups: 3"),
        "characteristics[0].baselineSubgroups");
    rejects(
        GOOD.replace("metric: rejects", "metric: rejects\n    colour: red"),
        "characteristics[1].colour");
    rejects(
        GOOD.replace("    spec: {lsl: 24.985, usl: 25.015, target: 25.0}\n", ""),
        "characteristics[0].spec");
    rejects("characteristics: 3", "characteristics");
  }

  private static void rejects(String yaml, String field) {
    assertThatThrownBy(() -> CharacteristicsFile.parse(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(field + ":");
  }
}
